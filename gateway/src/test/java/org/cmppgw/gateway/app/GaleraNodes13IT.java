package org.cmppgw.gateway.app;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cmppgw.gateway.persistence.LocalGaleraCluster;
import org.cmppgw.simulator.ismg.IsmgAccountConfig;
import org.cmppgw.simulator.ismg.IsmgConfig;
import org.cmppgw.simulator.ismg.IsmgServer;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpResponse;
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
 * is lost: every message answered 200 is delivered and called back. Requests refused while they moved (the store
 * unreachable) are answered 503 or 500 and counted, never half-stored.
 */
@Timeout(value = 400, unit = TimeUnit.SECONDS)
final class GaleraNodes13IT {
    private static final String ACCOUNT = IsmgAccountConfig.DEMO_SOURCE_ADDR;
    private static final Duration SETTLE = Duration.ofSeconds(120);
    /** Accepted messages before the database node is killed, and again after. */
    private static final int BEFORE_KILL = 300;
    private static final int AFTER_KILL = 300;

    private LocalGaleraCluster cluster;
    private IsmgServer ismg;
    private CallbackSink sink;
    private final List<AutoCloseable> running = new ArrayList<>();

    @BeforeEach
    void clusterCarrierAndReceiver() {
        cluster = LocalGaleraCluster.start(3);
        cluster.createDatabase("cmppgw");
        ismg = IsmgServer.start(IsmgConfig.defaults().withPort(0), Clock.systemUTC(), new SimpleMeterRegistry());
        sink = CallbackSink.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        sink.close();
        ismg.close();
        cluster.close();
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
                URI api = apis.get((int) (mobile % 2));
                try {
                    HttpResponse<String> answer = E2e.sendOne(api, mobile++, Duration.ofSeconds(20));
                    if (answer.statusCode() == 200) {
                        accepted.add(E2e.read(answer.body()).path("msg_id").asText());
                    } else {
                        refused.computeIfAbsent(answer.statusCode() + " " + answer.body(), k -> new AtomicLong())
                            .incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    refused.computeIfAbsent(e.toString(), k -> new AtomicLong()).incrementAndGet();
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
                + " not called back; refused " + refused);
        assertThat(sink.reports().keySet()).as("callbacks only for accepted messages").isSubsetOf(accepted);
        assertThat(sink.reports().values()).allMatch(report -> report.first().path("status").asInt() == 4001);
        assertThat(cluster.clusterSize(2)).as("the cluster goes on with two nodes").isEqualTo(2);
        assertThat(ismg.traffic(ACCOUNT).snapshot().accepted()).as("every accepted message reached the carrier")
            .isGreaterThanOrEqualTo(accepted.size());
    }
}
