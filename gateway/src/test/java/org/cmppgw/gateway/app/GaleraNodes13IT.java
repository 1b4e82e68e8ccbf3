package org.cmppgw.gateway.app;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cmppgw.gateway.persistence.LocalGaleraCluster;
import org.cmppgw.simulator.ismg.IsmgAccountConfig;
import org.cmppgw.simulator.ismg.FaultConfig;
import org.cmppgw.simulator.ismg.IsmgConfig;
import org.cmppgw.simulator.ismg.IsmgServer;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateways on a three-node Galera cluster (issue 13, docs/operations.md "A Galera cluster"), connected in failover
 * order: the database node they write through is killed under load, they move to the next, and nothing they accepted
 * is lost. The load is a careful client: each send carries an {@code Idempotency-Key} and is retried with it until it
 * is answered 200, whatever came before (a 503 or 500 while the store was unreachable, an "outcome unknown", its own
 * timeout). Every message then has exactly one msg_id, and exactly those messages are delivered and called back.
 */
@Timeout(value = 400, unit = TimeUnit.SECONDS)
final class GaleraNodes13IT {
    private static final String ACCOUNT = IsmgAccountConfig.DEMO_SOURCE_ADDR;
    private static final Duration SETTLE = Duration.ofSeconds(120);
    /** Accepted messages before the database node is killed, and again after. */
    private static final int BEFORE_KILL = 300;
    private static final int AFTER_KILL = 300;
    /** How long one send is tried again with its key before the test gives up on it (and fails). */
    private static final Duration RETRYING = Duration.ofSeconds(120);
    /** A careful client's pause between two tries, so that a run of quick refusals is not a busy loop. */
    private static final long RETRY_PAUSE_MILLIS = 50;

    private LocalGaleraCluster cluster;
    private IsmgServer ismg;
    private CallbackSink sink;
    private final List<AutoCloseable> running = new ArrayList<>();

    @BeforeEach
    void clusterCarrierAndReceiver() {
        cluster = LocalGaleraCluster.start(3);
        cluster.createDatabase("cmppgw");
        // While the database node is down the gateways answer reports with Result 8 and their sessions drop with
        // DELIVERs in flight; a carrier sends those again for long, while the simulator's default gives up after 3
        // sends 5 s apart, which a 10 s outage can use up: the report was then lost at the carrier, not here.
        FaultConfig patientCarrier = new FaultConfig(null, null, 1000L, 100, null, null, null, null, null, null, null,
            null);
        ismg = IsmgServer.start(IsmgConfig.defaults().withPort(0).withFaults(patientCarrier), Clock.systemUTC(),
            new SimpleMeterRegistry());
        sink = CallbackSink.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        // Whatever the set-up got to start before it failed.
        for (AutoCloseable started : new AutoCloseable[] {sink, ismg, cluster}) {
            if (started != null) {
                started.close();
            }
        }
    }

    private Gateway start(int nodeId) {
        List<String> overrides = new ArrayList<>(E2e.overrides(ismg.port(), cluster.sequentialUrl("cmppgw"),
            cluster.username(), cluster.password(), sink.uri()));
        overrides.addAll(List.of("node.id=" + nodeId, "node.lease=6s", "providers[0].connections=2",
            "providers[0].tps=500"));
        Gateway gateway = Gateway.start(E2e.config(overrides), Clock.systemUTC());
        running.add(gateway);
        return gateway;
    }

    @Test
    void killingTheDatabaseNodeBothGatewaysWriteThroughLosesNothingTheyAccepted() throws Exception {
        Gateway first = start(1);
        Gateway second = start(2);
        List<URI> apis = List.of(URI.create("http://127.0.0.1:" + first.apiAddress().getPort()),
            URI.create("http://127.0.0.1:" + second.apiAddress().getPort()));
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        Map<String, AtomicLong> refused = new ConcurrentHashMap<>();
        AtomicBoolean sending = new AtomicBoolean(true);
        Thread load = new Thread(() -> {
            long mobile = 13_700_000_000L;
            while (sending.get()) {
                String msgId = sendUntilAnswered(apis.get((int) (mobile % 2)), mobile, refused);
                mobile++;
                if (msgId != null) {
                    accepted.add(msgId);
                }
            }
        }, "galera-load");
        load.start();
        try {
            Await.until("messages accepted before the kill", SETTLE, () -> accepted.size() >= BEFORE_KILL,
                () -> accepted.size() + " accepted, refused " + refused);
            cluster.kill(1);
            int atKill = accepted.size();
            Await.until("messages accepted after the kill", SETTLE, () -> accepted.size() >= atKill + AFTER_KILL,
                () -> accepted.size() + " accepted, refused " + refused);
        } finally {
            sending.set(false);
            load.join(TimeUnit.SECONDS.toMillis(30));
        }

        Await.until("every accepted message called back", SETTLE,
            () -> sink.reports().keySet().containsAll(accepted),
            () -> accepted.stream().filter(id -> !sink.reports().containsKey(id)).count() + " of " + accepted.size()
                + " not called back; refused " + refused + "; where the first are: " + whereInTheStore(
                    accepted.stream().filter(id -> !sink.reports().containsKey(id)).sorted().limit(5).toList()));
        assertThat(sink.reports().keySet()).as("callbacks only for accepted messages").isSubsetOf(accepted);
        // Not checked: callbacks sent twice. A callback whose "sent" mark the lost transaction took with it is sent
        // again after its lease, as JSMS callbacks are at least once (docs/api.md "Callbacks").
        assertThat(sink.reports().values()).allMatch(report -> report.first().path("status").asInt() == 4001);
        assertThat(refused).as("sends never answered 200").doesNotContainKey("gave up");
        assertThat(cluster.clusterSize(2)).as("the cluster goes on with two nodes").isEqualTo(2);
        assertThat(ismg.traffic(ACCOUNT).snapshot().accepted()).as("every accepted message reached the carrier")
            .isGreaterThanOrEqualTo(accepted.size());
    }

    /** Where each message is in the store's tables, read when the test fails, so that the failure can be diagnosed. */
    private String whereInTheStore(List<String> msgIds) {
        String[] probes = {
            "SELECT CONCAT('held by ', node_id) FROM held_message WHERE msg_id = ?",
            "SELECT CONCAT('held in its row by ', held_node) FROM message WHERE msg_id = ? AND held_node IS NOT NULL",
            "SELECT CONCAT('queued taken=', taken, ' node=', node_id, ' resend=', resend) FROM pending_message"
                + " WHERE msg_id = ?",
            "SELECT CONCAT('submit part ', part_no, ' result ', result, ' carrier id ', carrier_msg_id)"
                + " FROM carrier_submit WHERE msg_id = ?",
            "SELECT CONCAT('final ', status, ' ', stat, ' callback_at ', callback_at) FROM message_final"
                + " WHERE msg_id = ?",
            "SELECT CONCAT('outbox due ', COALESCE(due_at, 'abandoned'), ' attempts ', attempts, ' claimed by ',"
                + " COALESCE(claimed_by, '-')) FROM callback_outbox WHERE ref_id = ?",
            "SELECT CONCAT('callback held by ', node_id) FROM held_callback WHERE ref_id = ?",
            "SELECT CONCAT('callback held in the final row by ', callback_node) FROM message_final WHERE msg_id = ?"
                + " AND callback_node IS NOT NULL AND callback_at = 0",
        };
        StringBuilder out = new StringBuilder();
        try (Connection c = DriverManager.getConnection(cluster.sequentialUrl("cmppgw"), cluster.username(),
                cluster.password())) {
            for (String msgId : msgIds) {
                out.append(msgId).append(':');
                for (String probe : probes) {
                    try (PreparedStatement select = c.prepareStatement(probe)) {
                        select.setLong(1, Long.parseLong(msgId));
                        try (ResultSet rows = select.executeQuery()) {
                            while (rows.next()) {
                                out.append(" [").append(rows.getString(1)).append(']');
                            }
                        }
                    }
                }
                out.append("; ");
            }
            out.append(count(c, "SELECT COUNT(*) FROM parked_report")).append(" parked reports");
        } catch (SQLException | RuntimeException e) {
            out.append("(store not readable: ").append(e).append(')');
        }
        return out.toString();
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(sql); ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * Sends one message with an {@code Idempotency-Key}, again with the same key until it is answered 200 (for at
     * most {@link #RETRYING}); its msg_id, or null when it never was (counted in {@code refused}).
     */
    private static String sendUntilAnswered(URI api, long mobile, Map<String, AtomicLong> refused) {
        String key = "galera-" + mobile;
        long deadline = System.nanoTime() + RETRYING.toNanos();
        while (System.nanoTime() - deadline < 0) {
            String why;
            try {
                HttpResponse<String> answer = E2e.sendOne(api, mobile, Duration.ofSeconds(20), key);
                if (answer.statusCode() == 200) {
                    return E2e.read(answer.body()).path("msg_id").asText();
                }
                why = answer.statusCode() + " " + E2e.read(answer.body()).path("error").path("code").asText();
            } catch (RuntimeException e) {
                why = e.getClass().getSimpleName();
            }
            refused.computeIfAbsent(why, k -> new AtomicLong()).incrementAndGet();
            try {
                Thread.sleep(RETRY_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        refused.computeIfAbsent("gave up", k -> new AtomicLong()).incrementAndGet();
        return null;
    }
}
