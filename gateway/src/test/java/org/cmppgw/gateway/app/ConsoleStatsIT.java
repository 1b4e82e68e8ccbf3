package org.cmppgw.gateway.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.cmppgw.simulator.ismg.ReportConfig;
import org.cmppgw.simulator.ismg.ReportDelay;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10, statistics end to end on H2 (docs/operations.md "Statistics"): messages go through the simulated ISMG,
 * which reports some DELIVRD and some UNDELIV; the gateway's own rollup job counts them; the statistics page and its
 * JSON, fetched with an operator's session, show the numbers the app's callbacks saw.
 */
final class ConsoleStatsIT {
    private static final int MESSAGES = 30;
    private static final String PROVIDER = "demo-cmpp";

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void thePageAndItsDataCountWhatTheCarrierReported() {
        ReportConfig mixed = new ReportConfig(ReportDelay.uniform(0, 300), Map.of("DELIVRD", 2, "UNDELIV", 1));
        try (ConsoleStatsSeed seed = ConsoleStatsSeed.send(dir, mixed, 13800000000L, MESSAGES)) {
            assertThat(seed.stats()).isSubsetOf("DELIVRD", "UNDELIV");
            Gateway gateway = seed.gateway();

            ConsoleClient console = new ConsoleClient(gateway.managementAddress().getPort());
            assertThat(console.get("/console/stats/data").statusCode()).as("no session").isEqualTo(303);
            assertThat(console.login("demo-operator", "demo-operator-password").statusCode()).isEqualTo(303);

            LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
            String query = "?from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
            AtomicReference<JsonNode> data = new AtomicReference<>();
            Await.until("the rollup counted every report", E2e.TIMEOUT, () -> {
                HttpResponse<String> response = console.get("/console/stats/data" + query);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                data.set(E2e.read(response.body()));
                JsonNode total = data.get().path("total");
                return total.path("accepted").asLong() == MESSAGES
                    && total.path("delivered").asLong() + total.path("failed").asLong() == MESSAGES;
            }, data::get);

            JsonNode total = data.get().path("total");
            long delivered = seed.reported("DELIVRD");
            long failed = seed.reported("UNDELIV");
            assertThat(total.path("submitted").asLong()).isEqualTo(MESSAGES);
            assertThat(total.path("delivered").asLong()).isEqualTo(delivered);
            assertThat(total.path("failed").asLong()).isEqualTo(failed);
            assertThat(total.path("noReport").asLong()).isZero();
            long latencies = 0;
            for (JsonNode bucket : total.path("latency")) {
                latencies += bucket.asLong();
            }
            assertThat(latencies).as("every carrier report has a latency").isEqualTo(MESSAGES);
            assertThat(total.path("p99").asText()).as("reports within 300 ms of their submit").isEqualTo("≤1s");
            assertThat(data.get().path("zone").asText()).isEqualTo("Asia/Shanghai");

            JsonNode byProvider = E2e.read(console.get("/console/stats/data" + query + "&period=hour&group=provider")
                .body());
            assertThat(byProvider.path("rows")).allSatisfy(row -> assertThat(row.path("group").asText())
                .isEqualTo(PROVIDER));
            long hourly = 0;
            for (JsonNode row : byProvider.path("rows")) {
                hourly += row.path("delivered").asLong();
            }
            assertThat(hourly).isEqualTo(delivered);

            // the page's table carries the same numbers as the JSON
            HttpResponse<String> page = console.get("/console/stats" + query);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("id=\"total-accepted\">" + MESSAGES + "<",
                "id=\"total-delivered\">" + delivered + "<", "id=\"total-failed\">" + failed + "<",
                "<canvas id=\"chart-funnel\"", "Statistics</a>");
            assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");

            // bad input: a JSMS-shaped error for the data, the form with its error for the page
            HttpResponse<String> bad = console.get("/console/stats/data?from=2026-13-01");
            assertThat(bad.statusCode()).isEqualTo(403);
            assertThat(E2e.read(bad.body()).path("error").path("code").asInt()).isEqualTo(50007);
            assertThat(E2e.read(bad.body()).path("error").path("message").asText())
                .isEqualTo("invalid body: from: 2026-13-01 (expected: yyyy-MM-dd)");
            HttpResponse<String> badPage = console.get("/console/stats?period=hour&from=2026-01-01&to=2026-03-01");
            assertThat(badPage.statusCode()).isEqualTo(400);
            assertThat(badPage.body()).contains("role=\"alert\"", "at most 31 days");
            assertThat(console.get("/console/stats/data/more").statusCode()).isEqualTo(404);
        }
    }
}
