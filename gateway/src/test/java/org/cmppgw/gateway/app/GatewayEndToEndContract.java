package org.cmppgw.gateway.app;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cmppgw.simulator.ismg.IsmgConfig;
import org.cmppgw.simulator.ismg.IsmgServer;
import org.cmppgw.simulator.load.LoadConfig;
import org.cmppgw.simulator.load.LoadGenerator;
import org.cmppgw.simulator.load.LoadResult;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole system over real sockets (docs/design.md §3, §9): the load generator drives the gateway's HTTP API, the
 * gateway submits over CMPP to a real {@link IsmgServer}, correlates its reports and calls the load generator's
 * receiver back. Every accepted message must end final with exactly one SMS_REPORT callback, whether sent one by one,
 * in batches or as verification codes ({@code POST /v1/codes} to a code template, as
 * {@code benchmarks/scripts/backlog.sh} sends them with {@code CODES_RATE}). The same body runs on each database the
 * gateway supports (the subclasses).
 */
abstract class GatewayEndToEndContract {
    private static final int MESSAGES = 3000;
    private static final long CODE_TEMPLATE = 2;

    /** A fresh, empty database: JDBC URL, user, password. */
    record Database(String url, String user, String password) {
    }

    abstract Database database();

    @ParameterizedTest
    @EnumSource(value = LoadConfig.Mode.class, names = {"SINGLE", "BATCH", "CODE"})
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyAcceptedMessageGetsExactlyOneReport(LoadConfig.Mode mode) {
        Database db = database();
        LoadConfig load = LoadConfig.defaults().with(Map.of("messages", MESSAGES, "rate", 0, "mode", mode.name(),
            "batchSize", 100, "connections", 4, "callbackPort", 0, "progress", false, "resultFile", "",
            "durationSeconds", 60, "graceSeconds", 60))
            .with(Map.of("tempId", mode == LoadConfig.Mode.CODE ? CODE_TEMPLATE : 1));
        try (IsmgServer ismg = IsmgServer.start(IsmgConfig.defaults().withPort(0), Clock.systemUTC(),
                 new SimpleMeterRegistry());
             LoadGenerator generator = LoadGenerator.open(load, null);
             Gateway gateway = Gateway.start(E2e.config(E2e.overrides(ismg.port(), db.url(), db.user(),
                 db.password(), generator.callbackUri()), "templates[1].id=" + CODE_TEMPLATE,
                 "templates[1].content=Your login code is {{code}}", "templates[1].type=code"), Clock.systemUTC())) {
            int management = gateway.managementAddress().getPort();
            Await.until("readiness", E2e.TIMEOUT,
                () -> E2e.management("127.0.0.1", management, "/health/ready").statusCode() == 200, () -> "not ready");

            LoadResult r = generator.run(URI.create("http://127.0.0.1:" + gateway.apiAddress().getPort()));

            assertThat(r.accepted()).as("accepted").isEqualTo(MESSAGES);
            assertThat(r.reports()).as("SMS_REPORT callbacks").isEqualTo(MESSAGES);
            assertThat(r.reportsByStatus()).containsExactly(Map.entry("4001", (long) MESSAGES));
            assertThat(r.lost()).isZero();
            assertThat(r.duplicates()).isZero();
            assertThat(r.unknownMsgIds()).isZero();
            assertThat(r.badSignatures()).isZero();
            assertThat(r.errors()).as("errors %s", r.errorsByCode()).isZero();
            assertThat(r.hardLimitHit()).isFalse();

            // The sent marks of the last callbacks commit just after their 200.
            Await.until("every message final and every callback marked sent", E2e.TIMEOUT,
                () -> StoreCounts.read(db.url(), db.user(), db.password()).settled(),
                () -> StoreCounts.read(db.url(), db.user(), db.password()));
            StoreCounts counts = StoreCounts.read(db.url(), db.user(), db.password());
            assertThat(counts.messages()).isEqualTo(MESSAGES);
            assertThat(counts.failed()).isZero();
            assertThat(ismg.traffic("901234").snapshot().accepted()).as("carrier saw each message once")
                .isEqualTo(MESSAGES);

            HttpResponse<String> ready = E2e.management("127.0.0.1", management, "/health/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            String page = E2e.management("127.0.0.1", management, "/metrics").body();
            assertThat(E2e.metric(page, "cmppgw_api_messages_accepted_total")).isEqualTo(MESSAGES);
            assertThat(E2e.metric(page, "cmppgw_provider_submits_total")).isEqualTo(MESSAGES);
            assertThat(E2e.metric(page, "cmppgw_provider_submit_responses_total")).isEqualTo(MESSAGES);
            assertThat(E2e.metric(page, "cmppgw_provider_delivery_reports_total", "stat=\"DELIVRD\""))
                .isEqualTo(MESSAGES);
            assertThat(E2e.metric(page, "cmppgw_callback_attempts_total", "outcome=\"delivered\""))
                .isEqualTo(MESSAGES);
            assertThat(E2e.metric(page, "cmppgw_resends_after_crash_total")).isZero();
        }
    }
}
