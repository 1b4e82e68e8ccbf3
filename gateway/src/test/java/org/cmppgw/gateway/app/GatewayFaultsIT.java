package org.cmppgw.gateway.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cmppgw.simulator.ismg.AccountTraffic;
import org.cmppgw.simulator.ismg.FaultConfig;
import org.cmppgw.simulator.ismg.IsmgAccountConfig;
import org.cmppgw.simulator.ismg.IsmgConfig;
import org.cmppgw.simulator.ismg.IsmgServer;
import org.cmppgw.simulator.ismg.MoConfig;
import org.cmppgw.simulator.ismg.ReportConfig;
import org.cmppgw.simulator.ismg.ReportDelay;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hard cases of docs/design.md §3 at system level: a real gateway (H2), a real ISMG with its fault switches on, and
 * a callback receiver. The dispatcher-level tests cover the mechanisms; these prove the assembled gateway keeps the
 * promises end to end: every accepted message final, exactly one SMS_REPORT callback each, nothing parked.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
final class GatewayFaultsIT {
    private static final Duration SETTLE = Duration.ofSeconds(45);
    private static final String ACCOUNT = IsmgAccountConfig.DEMO_SOURCE_ADDR;

    @TempDir
    Path dir;

    @Test
    void carrierDroppingConnectionsWithAFullWindowLosesNothing() {
        FaultConfig faults = faults(null, null, 150);
        try (Running r = start(ismg(null, null, faults, null), "providers[0].connections=2")) {
            List<String> ids = send(r, 2000);

            // A part in flight when its connection drops has an unknown outcome: sent once more, flagged; lost a
            // second time, its message fails as GW:UNKNOWN (docs/cmpp-protocol.md §12.3, default policy). Nothing else.
            Map<String, Long> stats = r.awaitSettled(ids, Set.of("DELIVRD", "GW:UNKNOWN"));
            long unknown = stats.getOrDefault("GW:UNKNOWN", 0L);
            assertThat(r.counts().failed()).isEqualTo(unknown);
            assertThat(r.sink.reports().values()).allSatisfy(report -> assertThat(report.first().path("status")
                .asInt()).isEqualTo("DELIVRD".equals(report.first().path("stat").asText()) ? 4001 : 4100));
            assertThat(r.metric("cmppgw_provider_reconnects_total")).as("reconnects").isGreaterThanOrEqualTo(5);
            assertThat(r.metric("cmppgw_resends_after_crash_total")).as("flagged resubmissions")
                .isGreaterThanOrEqualTo(unknown).isPositive();
            assertThat(r.ismg.traffic(ACCOUNT).snapshot().accepted()).isGreaterThanOrEqualTo(ids.size() - unknown);
        }
    }

    @Test
    void carrierTpsLimitSlowsTheGatewayDownWithoutFailures() {
        IsmgAccountConfig limited = new IsmgAccountConfig(ACCOUNT, IsmgAccountConfig.DEMO_SECRET, null, 300, null,
            null, null, null);
        try (Running r = start(ismg(List.of(limited), null, null, null))) {
            List<String> ids = send(r, 1500);

            r.awaitDelivered(ids);
            AccountTraffic.Snapshot traffic = r.ismg.traffic(ACCOUNT).snapshot();
            assertThat(traffic.rejected()).as("Result 8 answers").isPositive();
            assertThat(traffic.accepted()).isEqualTo(ids.size());
            assertThat(r.metric("cmppgw_provider_submit_responses_total", "result=\"8\"")).isPositive();
        }
    }

    @Test
    void reportsBeforeTheirSubmitResponseAreMatched() {
        ReportConfig immediate = new ReportConfig(ReportDelay.fixed(0), null);
        try (Running r = start(ismg(null, immediate, faults(true, false, 0), null))) {
            List<String> ids = send(r, 1500);

            r.awaitDelivered(ids);
            assertThat(r.ismg.traffic(ACCOUNT).snapshot().reportsAcknowledged()).isGreaterThanOrEqualTo(ids.size());
        }
    }

    @Test
    void reportsOnAnotherConnectionAreMatched() {
        try (Running r = start(ismg(null, null, faults(false, true, 0), null), "providers[0].connections=4")) {
            List<String> ids = send(r, 1500);

            r.awaitDelivered(ids);
            assertThat(r.ismg.connections(ACCOUNT)).isEqualTo(4);
        }
    }

    @Test
    void moMessagesBecomeSmsReplyCallbacksWithTheirTexts() {
        List<String> texts = List.of("TD", "好的", "收到，谢谢");
        String longText = MoConfig.DEFAULT_LONG_TEXTS.get(0);
        MoConfig mo = new MoConfig(40.0, null, null, null, null, texts, List.of(longText), 0.3);
        try (Running r = start(ismg(null, null, null, mo))) {
            Await.until("SMS_REPLY callbacks, short and long", SETTLE, () -> r.sink.replies().size() >= 40
                && r.sink.replies().stream().anyMatch(reply -> reply.path("content").asText().equals(longText)),
                () -> r.sink.replies().size() + " replies");
            r.ismg.close();
            // The ISMG is gone, so the MO count is final: every stored MO produces exactly one callback.
            Await.until("one SMS_REPLY per stored MO", SETTLE,
                () -> r.counts().mo() == r.sink.replies().size() && r.counts().outbox() == 0,
                () -> r.counts() + " replies=" + r.sink.replies().size());

            Set<String> allowed = new HashSet<>(texts);
            allowed.add(longText);
            for (JsonNode reply : r.sink.replies()) {
                assertThat(allowed).as("reply %s", reply).contains(reply.path("content").asText());
                assertThat(MoConfig.DEFAULT_SENDERS).contains(reply.path("phone").asText());
                assertThat(reply.path("replyTime").asLong()).isPositive();
            }
            assertThat(r.metric("cmppgw_provider_mo_messages_total")).isEqualTo(r.sink.replies().size());
            assertThat(r.sink.bad()).isZero();
        }
    }

    @Test
    void callbacksToADeadReceiverAreDeliveredOnceItRecovers() {
        try (Running r = start(ismg(null, null, null, null), "callbacks.retrySchedule=[200ms, 500ms, 1s, 2s, 4s, 8s]",
            "callbacks.circuitBreaker.openDuration=500ms", "callbacks.circuitBreaker.minimumCalls=5",
            "callbacks.circuitBreaker.slidingWindowSize=10")) {
            r.sink.down(true);
            List<String> ids = send(r, 500);
            // Refused, retried, then paused by the endpoint's circuit breaker (only its probes get through). The
            // outage is kept short: each failed probe round doubles the window the paused backlog is spread over.
            Await.until("refused callbacks and an open circuit", SETTLE,
                () -> r.sink.refused() >= 10 && r.metric("cmppgw_callback_attempts_total",
                    "outcome=\"circuit_open\"") > 0,
                () -> "refused=" + r.sink.refused());
            assertThat(r.sink.reports()).isEmpty();

            r.sink.down(false);
            r.awaitDelivered(ids);
            assertThat(r.metric("cmppgw_callback_failures_total")).as("callbacks given up").isZero();
            assertThat(r.counts().abandoned()).isZero();
        }
    }

    private List<String> send(Running r, int count) {
        List<String> ids = new ArrayList<>();
        for (int sent = 0; sent < count; sent += 500) {
            ids.addAll(E2e.sendBatch(r.api(), 13_900_000_000L + sent, Math.min(500, count - sent)));
        }
        return ids;
    }

    private static FaultConfig faults(Boolean reportBeforeResponse, Boolean reportOnOtherConnection,
                                      int dropAfterSubmits) {
        return new FaultConfig(reportBeforeResponse, reportOnOtherConnection, null, null, null, null, null, null,
            null, dropAfterSubmits, null, null);
    }

    private static IsmgConfig ismg(List<IsmgAccountConfig> accounts, ReportConfig reports, FaultConfig faults,
                                   MoConfig mo) {
        return new IsmgConfig(null, 0, 0, null, accounts, reports, faults, mo);
    }

    private Running start(IsmgConfig ismgConfig, String... overrides) {
        String url = E2e.h2Url(dir);
        IsmgServer ismg = IsmgServer.start(ismgConfig, Clock.systemUTC(), new SimpleMeterRegistry());
        CallbackSink sink = CallbackSink.start();
        try {
            Gateway gateway = Gateway.start(E2e.config(E2e.overrides(ismg.port(), url, "sa", "", sink.uri()),
                overrides), Clock.systemUTC());
            return new Running(ismg, sink, gateway, url);
        } catch (RuntimeException e) {
            sink.close();
            ismg.close();
            throw e;
        }
    }

    /** One system under test; closed gateway first, then the receiver and the carrier. */
    private record Running(IsmgServer ismg, CallbackSink sink, Gateway gateway, String url) implements AutoCloseable {
        URI api() {
            return URI.create("http://127.0.0.1:" + gateway.apiAddress().getPort());
        }

        StoreCounts counts() {
            return StoreCounts.read(url, "sa", "");
        }

        double metric(String name, String... labels) {
            return E2e.metric(E2e.management("127.0.0.1", gateway.managementAddress().getPort(), "/metrics").body(),
                name, labels);
        }

        /** {@link #awaitSettled} where every message was delivered. */
        void awaitDelivered(List<String> ids) {
            assertThat(awaitSettled(ids, Set.of("DELIVRD"))).containsOnlyKeys("DELIVRD");
            assertThat(sink.reports().values()).allSatisfy(report ->
                assertThat(report.first().path("status").asInt()).as("%s", report.first()).isEqualTo(4001));
            assertThat(counts().failed()).isZero();
        }

        /**
         * Every id has its SMS_REPORT with one of {@code stats}, none twice, and the store agrees: all final,
         * nothing pending, parked or owed. Returns the reports by stat.
         */
        Map<String, Long> awaitSettled(List<String> ids, Set<String> stats) {
            Await.until("a report callback for every message", SETTLE, () -> sink.reports().size() >= ids.size(),
                () -> sink.reports().size() + "/" + ids.size() + " " + counts());
            Await.until("the store settled", SETTLE, () -> counts().settled(), this::counts);
            assertThat(sink.reports().keySet()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(sink.duplicates()).as("callbacks sent twice").isEmpty();
            assertThat(counts().messages()).isEqualTo(ids.size());
            assertThat(sink.bad()).isZero();
            Map<String, Long> byStat = new TreeMap<>();
            sink.reports().values().forEach(report -> byStat.merge(report.first().path("stat").asText(), 1L,
                Long::sum));
            assertThat(stats).containsAll(byStat.keySet());
            return byStat;
        }

        @Override
        public void close() {
            try {
                gateway.close();
            } finally {
                sink.close();
                ismg.close();
            }
        }
    }
}
