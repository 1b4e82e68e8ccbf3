package org.cmppgw.gateway.email;

import com.zaxxer.hikari.HikariDataSource;
import org.cmppgw.gateway.callback.outbox.CallbackFilter;
import org.cmppgw.gateway.config.CircuitBreakerConfig;
import org.cmppgw.gateway.config.EmailProviderConfig;
import org.cmppgw.gateway.config.Secret;
import org.cmppgw.gateway.config.SmtpEncryption;
import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.cmppgw.gateway.model.EmailStatus;
import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.persistence.jdbc.DataSourceSettings;
import org.cmppgw.gateway.persistence.jdbc.DataSources;
import org.cmppgw.simulator.smtp.SmtpConfig;
import org.cmppgw.simulator.smtp.SmtpSink;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatcher between the store and the providers (issue 11): a provider that cannot be reached trips its breaker
 * and the backup provider sends the mail, including the mails first tried on the dead one.
 */
class EmailDispatcherIT {
    @TempDir
    Path dir;
    private HikariDataSource dataSource;
    private SmtpSink sink;
    private EmailDispatcher dispatcher;
    private EmailStore store;

    @BeforeEach
    void open() {
        dataSource = DataSources.open(DataSourceSettings.of("jdbc:h2:file:" + dir.resolve("gateway")
            + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE", "", ""));
        sink = new SmtpSink(SmtpConfig.defaults().with(Map.of("port", 0, "tlsPort", SmtpConfig.OFF,
            "starttls", false))).start();
    }

    @AfterEach
    void close() {
        if (dispatcher != null) {
            dispatcher.close();
        }
        sink.close();
        dataSource.close();
    }

    private static EmailProviderConfig provider(String name, int port) {
        return new EmailProviderConfig(name, "127.0.0.1", port, SmtpEncryption.NONE, "", new Secret(""),
            "noreply@example.com", 1, 10_000, false, "", Duration.ofSeconds(5), 50, Duration.ofMillis(100),
            new CircuitBreakerConfig(50, 2, 2, Duration.ofMinutes(5), 1));
    }

    private static int deadPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void theBackupProviderSendsWhileTheFirstIsDown() throws Exception {
        MessageIdGenerator ids = new MessageIdGenerator(1, Clock.systemUTC());
        store = new EmailStore(dataSource, 1, ids, CallbackFilter.ALL);
        dispatcher = new EmailDispatcher(store, List.of(provider("dead", deadPort()), provider("backup",
            sink.port())), new GatewayMetrics() { }, Clock.systemUTC());
        dispatcher.start();
        List<String> to = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            to.add("r" + i + "@example.com");
        }
        long[] emailIds = new long[to.size()];
        Arrays.setAll(emailIds, i -> ids.next());

        store.accept(new NewEmail("app-1", to, List.of(), List.of(), "s", "t", null, "", "", Instant.now()),
            emailIds);
        dispatcher.wake();

        Await.until("every mail delivered", Duration.ofSeconds(30),
            () -> Arrays.stream(emailIds).allMatch(id -> store.status(id) == EmailStatus.DELIVERED));
        assertThat(sink.stats().messages()).isEqualTo(10);
        assertThat(dispatcher.providers().get(0).isAvailable()).isFalse();
        assertThat(dispatcher.providers().get(0).connectionsOpened()).isZero();
        assertThat(dispatcher.providers().get(1).connectionsOpened()).isEqualTo(1);
    }
}
