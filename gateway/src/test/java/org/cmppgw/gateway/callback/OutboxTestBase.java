package org.cmppgw.gateway.callback;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A fresh H2 outbox per test and the apps' receivers the test starts, all closed after it. */
abstract class OutboxTestBase {
    @TempDir
    Path dir;
    OutboxFixture fixture;
    private final List<TestReceiver> receivers = new ArrayList<>();

    @BeforeEach
    void openOutbox() {
        fixture = new OutboxFixture(dir);
    }

    @AfterEach
    void closeOutbox() {
        fixture.close();
        for (TestReceiver receiver : receivers) {
            receiver.close();
        }
    }

    /** An app's callback receiver on {@code port} (0: any free port), closed after the test. */
    TestReceiver receiver(int port, TestReceiver.Behaviour behaviour) throws IOException {
        TestReceiver receiver = new TestReceiver(port, behaviour);
        receivers.add(receiver);
        return receiver;
    }
}
