package org.cmppgw.gateway.app;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cmppgw.gateway.config.ConfigException;
import org.cmppgw.gateway.persistence.MariaDbTestServer;
import org.cmppgw.gateway.provider.cmpp.CmppProviderPool;
import org.cmppgw.simulator.ismg.IsmgAccountConfig;
import org.cmppgw.simulator.ismg.IsmgConfig;
import org.cmppgw.simulator.ismg.IsmgServer;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two gateways on one real MariaDB (issue 13, docs/operations.md "Several nodes on one database"): a second live
 * process with a node id in use is refused; the provider's 4 connections are split between the nodes and their sum at
 * the carrier never exceeds 4; a node killed with SIGKILL (a child JVM) is adopted by the other within its lease —
 * its connection slots, its claimed callbacks and its messages still to send.
 */
@ExtendWith(MariaDbTestServer.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
final class GatewayNodes13IT {
    private static final String ACCOUNT = IsmgAccountConfig.DEMO_SOURCE_ADDR;
    private static final int CONNECTIONS = 4;
    private static final Duration LEASE = Duration.ofSeconds(3);
    /** Adoption: the lease, a heartbeat period to notice, and room for a loaded machine. */
    private static final Duration TAKEOVER = LEASE.multipliedBy(4);
    private static final Duration SETTLE = Duration.ofSeconds(90);
    private static final int MESSAGES = 1000;
    /** Slow enough that the killed node leaves most of its messages unsent. */
    private static final int TPS = 100;

    private IsmgServer ismg;
    private MariaDbTestServer.Database db;
    private HangingReceiver receiver;
    private ConnectionSampler sampler;
    private final List<AutoCloseable> running = new ArrayList<>();

    @BeforeEach
    void carrierDatabaseAndReceiver() {
        ismg = IsmgServer.start(IsmgConfig.defaults().withPort(0), Clock.systemUTC(), new SimpleMeterRegistry());
        db = MariaDbTestServer.createDatabase();
        receiver = HangingReceiver.start();
        sampler = ConnectionSampler.start(ismg);
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        sampler.close();
        receiver.close();
        ismg.close();
    }

    private List<String> overrides(int nodeId) {
        List<String> list = new ArrayList<>(E2e.overrides(ismg.port(), db.jdbcUrl(), db.username(), db.password(),
            receiver.uri()));
        list.addAll(List.of("node.id=" + nodeId, "node.lease=" + LEASE.toSeconds() + "s",
            "providers[0].connections=" + CONNECTIONS, "providers[0].tps=" + TPS));
        return list;
    }

    private Gateway startInProcess(int nodeId) {
        Gateway gateway = Gateway.start(E2e.config(overrides(nodeId)), Clock.systemUTC());
        running.add(gateway);
        return gateway;
    }

    @Test
    void aSecondLiveNodeWithTheSameIdIsRefusedAndTheConnectionsAreSplit() {
        Gateway first = startInProcess(1);
        Await.until("node 1 holds every connection", SETTLE, () -> sessions(first) == CONNECTIONS
            && ismg.connections(ACCOUNT) == CONNECTIONS, () -> sessions(first) + " / " + ismg.connections(ACCOUNT));

        assertThatThrownBy(() -> startInProcess(1))
            .isInstanceOf(ConfigException.class)
            .hasMessageStartingWith("node.id: 1 is held by a live gateway");

        Gateway second = startInProcess(2);
        Await.until("2 + 2 connections", SETTLE, () -> sessions(first) == 2 && sessions(second) == 2
            && ismg.connections(ACCOUNT) == CONNECTIONS,
            () -> sessions(first) + " + " + sessions(second) + " at the carrier " + ismg.connections(ACCOUNT));
        assertThat(pool(first).tps()).as("TPS in proportion to the slots held").isEqualTo(TPS / 2);
        assertThat(pool(second).tps()).isEqualTo(TPS / 2);

        // A clean stop retires node 1: node 2 takes its slots without waiting out the lease.
        long stoppedAt = System.nanoTime();
        first.close();
        Await.until("node 2 holds every connection", TAKEOVER, () -> sessions(second) == CONNECTIONS,
            () -> sessions(second) + " / " + ismg.connections(ACCOUNT));
        assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).isLessThan(TAKEOVER);
        assertThat(pool(second).tps()).isEqualTo(TPS);
        assertThat(sampler.max()).as("connections at the carrier, at most").isLessThanOrEqualTo(CONNECTIONS);
    }

    @Test
    void aKilledNodesSlotsCallbacksAndMessagesAreTakenOverWithinTheLease() throws SQLException {
        ChildGateway first = ChildGateway.start(overrides(1));
        running.add(first);
        Await.until("node 1 ready", SETTLE, () -> first.ready() == 200, first::output);
        Gateway second = startInProcess(2);
        Await.until("2 + 2 connections", SETTLE, () -> sessions(second) == 2
            && ismg.connections(ACCOUNT) == CONNECTIONS, () -> sessions(second) + " / " + ismg.connections(ACCOUNT));

        List<String> ids = new ArrayList<>();
        for (int sent = 0; sent < MESSAGES; sent += 500) {
            ids.addAll(E2e.sendBatch(first.api(), 13_800_000_000L + sent, 500));
        }
        assertThat(ids).hasSize(MESSAGES);
        Await.until("node 1 holds callbacks it cannot finish", SETTLE, () -> callbacksOf(1) >= 5,
            () -> callbacksOf(1));

        assertThat(first.kill()).isEqualTo(137);
        long killedAt = System.nanoTime();
        long pendingAtKill = pending();
        assertThat(pendingAtKill).as("messages node 1 left unsent").isPositive();
        assertThat(callbacksOf(1)).as("callbacks node 1 held").isPositive();

        Await.until("node 2 adopts node 1's callbacks and slots", TAKEOVER, () -> callbacksOf(1) == 0
            && sessions(second) == CONNECTIONS, () -> callbacksOf(1) + " claimed, " + sessions(second));
        assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(TAKEOVER);
        Await.until("every message node 1 accepted submitted by node 2", SETTLE, () -> pending() == 0,
            () -> pending() + " pending");

        assertThat(ismg.traffic(ACCOUNT).snapshot().accepted()).as("every message reached the carrier")
            .isGreaterThanOrEqualTo(MESSAGES);
        String metrics = E2e.management("127.0.0.1", second.managementAddress().getPort(), "/metrics").body();
        assertThat(E2e.metric(metrics, "cmppgw_resends_after_crash_total")).as("taken over and counted")
            .isGreaterThanOrEqualTo(pendingAtKill);
        assertThat(callbacksOf(2)).as("node 2 claimed them again").isPositive();
        assertThat(sampler.max()).as("connections at the carrier, at most").isLessThanOrEqualTo(CONNECTIONS);
    }

    private static int sessions(Gateway gateway) {
        return pool(gateway).activeSessions();
    }

    private static CmppProviderPool pool(Gateway gateway) {
        return (CmppProviderPool) gateway.dispatcher().providers().get(0);
    }

    private long pending() {
        return StoreCounts.read(db.jdbcUrl(), db.username(), db.password()).pending();
    }

    /** Callbacks a node holds since their creation or claimed from the outbox, in one snapshot. */
    private long callbacksOf(int node) {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             Statement s = c.createStatement();
             ResultSet row = s.executeQuery("SELECT (SELECT COUNT(*) FROM callback_outbox WHERE claimed_by = " + node
                 + ") + (SELECT COUNT(*) FROM held_callback WHERE node_id = " + node + ")"
                 + " + (SELECT COUNT(*) FROM message_final WHERE callback_node = " + node + " AND callback_at = 0)")) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An app's callback URL that accepts connections and never answers: the callbacks sent there stay claimed. */
    private static final class HangingReceiver implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> held = new CopyOnWriteArrayList<>();

        private HangingReceiver(ServerSocket server) {
            this.server = server;
            Thread acceptor = new Thread(this::accept, "hanging-receiver");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        static HangingReceiver start() {
            try {
                return new HangingReceiver(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/callback");
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    held.add(server.accept());
                } catch (IOException e) {
                    return;
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    /** The most connections the carrier had logged in for the account at once, sampled every 10 ms. */
    private static final class ConnectionSampler implements AutoCloseable {
        private final AtomicInteger max = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        private ConnectionSampler(IsmgServer ismg) {
            thread = new Thread(() -> {
                while (running.get()) {
                    max.accumulateAndGet(ismg.connections(ACCOUNT), Math::max);
                    try {
                        Thread.sleep(10); // a sampling period, not a wait for a condition
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "connection-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        static ConnectionSampler start(IsmgServer ismg) {
            return new ConnectionSampler(ismg);
        }

        int max() {
            return max.get();
        }

        @Override
        public void close() {
            running.set(false);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
