package org.cmppgw.gateway.app;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cmppgw.gateway.config.GatewayConfig;
import org.cmppgw.simulator.ismg.IsmgConfig;
import org.cmppgw.simulator.ismg.IsmgServer;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A clean stop with a backlog in memory (issue 13, docs/operations.md "Stopping"): the messages no carrier session had
 * started go back to the store's queue as never sent, so the next start sends each of them once and counts no
 * possible duplicate.
 */
class GracefulStopIT {
    private static final int MESSAGES = 1000;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aStopWithMessagesQueuedInMemoryCountsNoResendAfterTheRestart() throws Exception {
        String db = E2e.h2Url(dir);
        try (IsmgServer ismg = IsmgServer.start(IsmgConfig.defaults().withPort(0), Clock.systemUTC(),
                 new SimpleMeterRegistry());
             CallbackSink sink = CallbackSink.start()) {
            GatewayConfig config = E2e.config(E2e.overrides(ismg.port(), db, "sa", "", sink.uri()),
                "providers[0].tps=100", "providers[0].connections=1", "limits.dispatchQueueCapacity=300");
            List<String> sent = new ArrayList<>();
            try (Gateway first = Gateway.start(config, Clock.systemUTC())) {
                URI api = URI.create("http://127.0.0.1:" + first.apiAddress().getPort());
                for (int b = 0; b < MESSAGES / 100; b++) {
                    sent.addAll(E2e.sendBatch(api, 13_100_000_000L + b * 100L, 100));
                }
                Await.until("the carrier got some of them", E2e.TIMEOUT,
                    () -> ismg.traffic("901234").snapshot().accepted() >= 50);
                assertThat(first.dispatcher().capacity().inUse()).as("messages still in memory at the stop")
                    .isPositive();
            }
            long beforeRestart = ismg.traffic("901234").snapshot().accepted();
            assertThat(beforeRestart).isLessThan(MESSAGES);

            try (Gateway second = Gateway.start(config, Clock.systemUTC())) {
                Await.until("every message called back", Duration.ofSeconds(120),
                    () -> sink.reports().size() == MESSAGES,
                    () -> sink.reports().size() + " of " + MESSAGES + " called back");
                String page = E2e.management("127.0.0.1", second.managementAddress().getPort(), "/metrics").body();
                assertThat(E2e.metric(page, "cmppgw_resends_after_crash_total")).as("possible duplicates counted")
                    .isZero();
            }
            assertThat(sent).hasSize(MESSAGES).doesNotHaveDuplicates();
            assertThat(sink.duplicates()).isEmpty();
            assertThat(ismg.traffic("901234").snapshot().accepted()).as("carrier saw each message once")
                .isEqualTo(MESSAGES);
        }
    }
}
