package org.cmppgw.gateway.dispatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The per-test life of a {@link SendPathFixture}: a fresh store in a fresh temp dir before each test, everything the
 * test started closed after it. The sending-path tests extend this so that each keeps only its own cases.
 */
abstract class SendPathTestBase {
    @TempDir
    Path dir;
    SendPathFixture fixture;

    @BeforeEach
    void openFixture() {
        fixture = new SendPathFixture(dir);
    }

    @AfterEach
    void closeFixture() throws Exception {
        fixture.close();
    }
}
