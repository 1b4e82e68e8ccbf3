package org.cmppgw.gateway.dispatch;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.cmppgw.gateway.model.Channel;
import org.cmppgw.gateway.model.MessagePriority;
import org.cmppgw.gateway.config.ProviderConfig;
import org.cmppgw.gateway.config.ReconnectConfig;
import org.cmppgw.gateway.config.RoutingConfig;
import org.cmppgw.gateway.config.Secret;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.model.StoredMessage;
import org.cmppgw.gateway.provider.cmpp.CmppProviderPool;
import org.cmppgw.gateway.provider.cmpp.TestIsmg;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cmppgw.gateway.dispatch.SendPathFixture.TIMEOUT;
import static org.cmppgw.gateway.dispatch.SendPathFixture.provider;
import static org.cmppgw.gateway.dispatch.SendPathFixture.send;

/** The sending path when carriers misbehave: dropped connections, flow control, a dead provider, a TPS limit. */
class SendPathFaultsTest extends SendPathTestBase {
    @Test
    void partsInAWindowTheCarrierDroppedAreSentAgainAfterTheReconnect() throws Exception {
        TestIsmg ismg = fixture.track(TestIsmg.start("cmcc", 4).dropOnceWhenWindowFull(4));
        CmppProviderPool pool = fixture.pool(provider("cmcc", ismg.port(), 1, 4, 1000));
        Dispatcher dispatcher = fixture.dispatcher(pool);
        Await.until("logged in", TIMEOUT, pool::isAvailable);

        long[] ids = send(fixture.intake(dispatcher), 6, "【签名】hello");
        List<StoredMessage> stored = fixture.awaitAllFinal(ids);

        assertThat(stored).extracting(StoredMessage::status).containsOnly(MessageStatus.DELIVERED);
        assertThat(ismg.submits()).as("4 lost with the connection, sent again; 2 more").isEqualTo(10);
        assertThat(fixture.metrics.count("resent")).as("possible duplicates counted").isEqualTo(4);
        assertThat(fixture.metrics.count("cmcc.reconnects")).isPositive();
    }

    @Test
    void partsLostWithTheConnectionTwiceFailAsUnknown() throws Exception {
        TestIsmg ismg = fixture.track(TestIsmg.start("cmcc", 4).dropWhenWindowFull(2, 2));
        CmppProviderPool pool = fixture.pool(provider("cmcc", ismg.port(), 1, 2, 1000));
        Dispatcher dispatcher = fixture.dispatcher(pool);
        Await.until("logged in", TIMEOUT, pool::isAvailable);

        long[] ids = send(fixture.intake(dispatcher), 2, "【签名】hello");
        List<StoredMessage> stored = fixture.awaitAllFinal(ids);

        assertThat(stored).extracting(StoredMessage::status).containsOnly(MessageStatus.FAILED);
        assertThat(stored).extracting(s -> s.finalReport().stat()).containsOnly("GW:UNKNOWN");
        assertThat(ismg.submits()).as("each part sent once more, never a third time").isEqualTo(4);
        assertThat(fixture.metrics.count("resent")).isEqualTo(2);
        Await.until("capacity back", TIMEOUT, () -> dispatcher.capacity().inUse() == 0);
    }

    @Test
    void submitsWithoutAnyResponseAreResentThenRequeuedOnceThenFailAsUnknown() throws Exception {
        TestIsmg ismg = fixture.track(TestIsmg.start("cmcc", 4).answer(false));
        ProviderConfig base = provider("cmcc", ismg.port(), 1, 16, 1000);
        ProviderConfig quick = new ProviderConfig(base.name(), "", "", base.host(), base.port(), base.account(),
            base.password(), base.accessNumber(), 1, base.serviceId(), base.version(), base.window(), base.tps(),
            base.heartbeatInterval(), base.heartbeatMaxMissed(), Duration.ofMillis(200), 1, base.connectTimeout(),
            base.reconnect(), base.circuitBreaker(), base.flowControl(), base.outcomes(),
            base.drainTimeout(), base.timestampZone());
        CmppProviderPool pool = fixture.pool(quick);
        Dispatcher dispatcher = fixture.dispatcher(pool);
        Await.until("logged in", TIMEOUT, pool::isAvailable);

        long[] ids = send(fixture.intake(dispatcher), 1, "【签名】hello");
        StoredMessage stored = fixture.awaitFinal(ids[0]);

        assertThat(stored.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(stored.finalReport().stat()).isEqualTo("GW:UNKNOWN");
        assertThat(ismg.submits()).as("2 sends of the same PDU (retries 1), twice").isEqualTo(4);
        assertThat(fixture.metrics.count("cmcc.timeouts")).isEqualTo(2);
    }

    @Test
    void flowControlStormSlowsDownButFailsNothing() throws Exception {
        TestIsmg ismg = fixture.track(TestIsmg.start("cmcc", 4).results(n -> n <= 40 ? 8 : 0));
        CmppProviderPool pool = fixture.pool(provider("cmcc", ismg.port(), 2, 16, 1000));
        Dispatcher dispatcher = fixture.dispatcher(pool);
        Await.until("logged in", TIMEOUT, () -> pool.activeSessions() == 2);

        long[] ids = send(fixture.intake(dispatcher), 10, "【签名】hello");
        List<StoredMessage> stored = fixture.awaitAllFinal(ids);

        assertThat(stored).extracting(StoredMessage::status).containsOnly(MessageStatus.DELIVERED);
        assertThat(ismg.submits()).isEqualTo(50);
        assertThat(fixture.metrics.count("cmcc.result.8")).isEqualTo(40);
    }

    @Test
    void routerFailsOverToTheBackupWhileTheProviderIsDown() throws Exception {
        TestIsmg backupIsmg = fixture.track(TestIsmg.start("backup", 4));
        CmppProviderPool primary = fixture.pool(provider("primary", closedPort(), 1, 16, 1000));
        CmppProviderPool backup = fixture.pool(provider("backup", backupIsmg.port(), 1, 16, 1000));
        Dispatcher dispatcher = fixture.dispatcher(List.of(primary, backup),
            new RoutingConfig("primary", "backup", List.of()), 1000);
        Await.until("backup logged in", TIMEOUT, backup::isAvailable);
        assertThat(primary.isAvailable()).isFalse();

        long[] ids = send(fixture.intake(dispatcher), 3, "【签名】hello");
        List<StoredMessage> stored = fixture.awaitAllFinal(ids);

        assertThat(stored).extracting(StoredMessage::status).containsOnly(MessageStatus.DELIVERED);
        assertThat(backupIsmg.submits()).isEqualTo(3);
        assertThat(dispatcher.router().route(Channel.SMS, SendPathFixture.APP, "13800138000", MessagePriority.NORMAL))
            .isSameAs(backup);
    }

    @Test
    void submitsStayWithinTheProvidersTpsLimitAcrossItsConnections() throws Exception {
        int tps = 50;
        TestIsmg ismg = fixture.track(TestIsmg.start("cmcc", 4).reports(TestIsmg.Reports.NONE));
        CmppProviderPool pool = fixture.pool(provider("cmcc", ismg.port(), 2, 16, tps));
        Dispatcher dispatcher = fixture.dispatcher(pool);
        Await.until("logged in", TIMEOUT, () -> pool.activeSessions() == 2);

        send(fixture.intake(dispatcher), 150, "【签名】hello");
        Await.until("all submitted", TIMEOUT, () -> ismg.submits() == 150);

        assertThat(maxInAnyWindow(ismg.submitNanos(), TimeUnit.SECONDS.toNanos(1)))
            .as("submits in any 1-s window, limit %d/s with generous slack", tps).isLessThanOrEqualTo(tps * 3 / 2);
        assertThat(fixture.metrics.count("cmcc.rateLimitWaits")).isPositive();
    }

    @Test
    void refusedLoginIsAConfigurationErrorLoggedOnceAndRetriedAtTheLongestBackOff() throws Exception {
        TestIsmg ismg = fixture.track(TestIsmg.start("cmcc", 4));
        ProviderConfig wrong = provider("cmcc", ismg.port(), 1, 16, 1000);
        wrong = new ProviderConfig(wrong.name(), "", "", wrong.host(), wrong.port(), wrong.account(),
            new Secret("wrong"), wrong.accessNumber(), 1, wrong.serviceId(), wrong.version(), wrong.window(),
            wrong.tps(), wrong.heartbeatInterval(), wrong.heartbeatMaxMissed(), wrong.responseTimeout(),
            wrong.retries(), wrong.connectTimeout(), new ReconnectConfig(Duration.ofMillis(50), Duration.ofMillis(100)),
            wrong.circuitBreaker(), wrong.flowControl(), wrong.outcomes(),
            wrong.drainTimeout(), wrong.timestampZone());
        Logger logger = (Logger) LoggerFactory.getLogger(CmppProviderPool.class.getPackageName());
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        logger.setAdditive(false); // the refused login is provoked: its ERROR line is checked here, not printed
        try {
            CmppProviderPool pool = fixture.pool(wrong);
            fixture.dispatcher(pool);
            Await.until("several refused logins", TIMEOUT, () -> fixture.metrics.count("cmcc.reconnects") >= 4);

            assertThat(pool.isAvailable()).isFalse();
            assertThat(log.list).filteredOn(e -> e.getLevel() == Level.ERROR).hasSize(1)
                .first().extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("Status 3", "authentication error");
        } finally {
            logger.setAdditive(true);
            logger.detachAppender(log);
        }
    }

    /** The most timestamps within any window of {@code windowNanos}. */
    private static int maxInAnyWindow(List<Long> nanos, long windowNanos) {
        List<Long> sorted = nanos.stream().sorted().toList();
        int best = 0;
        int start = 0;
        for (int end = 0; end < sorted.size(); end++) {
            while (sorted.get(end) - sorted.get(start) >= windowNanos) {
                start++;
            }
            best = Math.max(best, end - start + 1);
        }
        return best;
    }

    /** A port nothing listens on (bound, then released). */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
