package org.cmppgw.gateway.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cmppgw.simulator.ismg.IsmgConfig;
import org.cmppgw.simulator.ismg.IsmgServer;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A campaign far larger than memory and faster than the carrier (issue 13, docs/design.md §3 "the store is the
 * queue"): every recipient is accepted while memory holds at most {@code dispatchQueueCapacity} messages and the rest
 * waits in the store; the backlog drains at the provider's TPS; verification codes sent in the middle of it are
 * submitted within a second of their accept; every message is called back exactly once.
 */
class StoreQueueBacklogIT {
    private static final int BATCHES = 10;
    private static final int BATCH = 1000;
    private static final int CODES = 5;
    private static final int MEMORY = 500;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aCampaignLargerThanMemoryIsAcceptedWholeAndCodesOvertakeIt() throws Exception {
        String db = E2e.h2Url(dir);
        try (IsmgServer ismg = IsmgServer.start(IsmgConfig.defaults().withPort(0), Clock.systemUTC(),
                 new SimpleMeterRegistry());
             CallbackSink sink = CallbackSink.start();
             Gateway gateway = Gateway.start(E2e.config(E2e.overrides(ismg.port(), db, "sa", "", sink.uri()),
                 "providers[0].tps=500", "providers[0].connections=2",
                 "limits.dispatchQueueCapacity=" + MEMORY, "limits.backlog.countInterval=1s",
                 "templates[0].type=marketing",
                 "templates[1].id=2", "templates[1].content=Your login code is {{code}}", "templates[1].type=code"),
                 Clock.systemUTC())) {
            URI api = URI.create("http://127.0.0.1:" + gateway.apiAddress().getPort());
            int management = gateway.managementAddress().getPort();
            Await.until("readiness", E2e.TIMEOUT,
                () -> E2e.management("127.0.0.1", management, "/health/ready").statusCode() == 200, () -> "not ready");
            AtomicInteger mostInMemory = new AtomicInteger();
            ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
            watcher.scheduleAtFixedRate(
                () -> mostInMemory.accumulateAndGet(gateway.dispatcher().capacity().inUse(), Math::max),
                0, 5, TimeUnit.MILLISECONDS);

            List<String> campaign = new ArrayList<>();
            List<String> codes = new ArrayList<>();
            for (int b = 0; b < BATCHES; b++) {
                campaign.addAll(E2e.sendBatch(api, 13_000_000_000L + (long) b * BATCH, BATCH));
                if (b == BATCHES / 2) {
                    for (int i = 0; i < CODES; i++) {
                        codes.add(sendCode(api, 13_900_000_000L + i));
                    }
                }
            }
            long waiting = waitingInStore(db);

            int total = BATCHES * BATCH + CODES;
            Await.until("every message called back", Duration.ofSeconds(180), () -> sink.reports().size() == total,
                () -> sink.reports().size() + " of " + total + " called back; " + StoreCounts.read(db, "sa", ""));
            watcher.shutdownNow();

            assertThat(campaign).hasSize(BATCHES * BATCH).doesNotHaveDuplicates();
            assertThat(waiting).as("messages waiting in the store after the campaign was accepted").isPositive();
            assertThat(mostInMemory.get()).as("messages in memory at most").isLessThanOrEqualTo(MEMORY);
            assertThat(sink.duplicates()).isEmpty();
            for (String code : codes) {
                assertThat(acceptToSubmitMillis(db, Long.parseLong(code))).as("code %s accept to submit", code)
                    .isLessThanOrEqualTo(1_000);
                JsonNode report = sink.reports().get(code).first();
                assertThat(report.path("status").asInt()).isEqualTo(4001);
            }
            String page = E2e.management("127.0.0.1", management, "/metrics").body();
            assertThat(E2e.metric(page, "cmppgw_api_messages_accepted_total")).isEqualTo(total);
            assertThat(E2e.metric(page, "cmppgw_resends_after_crash_total")).isZero();
            assertThat(ismg.traffic("901234").snapshot().accepted()).as("carrier saw each message once")
                .isEqualTo(total);
        }
    }

    private static String sendCode(URI api, long mobile) {
        HttpResponse<String> response = E2e.json(api.resolve("/v1/messages"), "POST", E2e.APP_KEY, E2e.MASTER_SECRET,
            "{\"mobile\":\"" + mobile + "\",\"temp_id\":2,\"sign_id\":1,\"temp_para\":{\"code\":\"123456\"}}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return E2e.read(response.body()).path("msg_id").asText();
    }

    private static long waitingInStore(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM pending_message WHERE taken = 0");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private static long acceptToSubmitMillis(String url, long msgId) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             PreparedStatement s = c.prepareStatement("SELECT MIN(c.submitted_at) - MIN(m.accepted_at) FROM message m"
                 + " JOIN carrier_submit c ON c.msg_id = m.msg_id WHERE m.msg_id = ?")) {
            s.setLong(1, msgId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
