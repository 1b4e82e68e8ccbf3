package org.cmppgw.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import org.cmppgw.gateway.config.ConfigLoader;
import org.cmppgw.gateway.config.GatewayConfig;
import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.cmppgw.gateway.model.CarrierReport;
import org.cmppgw.gateway.model.MoMessage;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.model.SubmitOutcome;
import org.cmppgw.gateway.persistence.jdbc.DataSourceSettings;
import org.cmppgw.gateway.persistence.jdbc.DataSources;
import org.cmppgw.gateway.persistence.jdbc.JdbcMessageStore;
import org.cmppgw.gateway.persistence.jdbc.StoreSettings;
import org.cmppgw.testing.Await;
import org.cmppgw.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /v1/report} and {@code GET /v1/reply} over a real store (H2 file) through the HTTP server: the
 * callbacks' data shapes, each item once, one pull per app and type every 5 s (50201), refused while the type is
 * called back (50202). The store's own pull contract runs on H2 and MariaDB in {@code OutboxContract}.
 */
final class PullsEndpointTest {
    private static final String CONFIG = String.join("\n",
        "server: {host: 127.0.0.1, port: 0, managementPort: 0}",
        "apps:",
        "  - appKey: puller",
        "    masterSecret: secret-p",
        "    callbackUrls: [{url: 'http://127.0.0.1:9/cb', default: true}]",
        "    callbacks: {enabled: false}",
        "  - appKey: half",
        "    masterSecret: secret-h",
        "    callbackUrls: [{url: 'http://127.0.0.1:9/cb', default: true}]",
        "    callbacks: {types: [SMS_REPORT]}",
        "  - appKey: called",
        "    masterSecret: secret-c",
        "    callbackUrls: [{url: 'http://127.0.0.1:9/cb', default: true}]",
        "providers: [{name: p, host: 127.0.0.1, port: 7890, account: '901234', password: pw, accessNumber: '1069'}]",
        "");
    private static final String MOBILE = "13800138000";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-02T03:04:05Z"));
    private final RecordingIntake intake = new RecordingIntake();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private ExecutorService reads;
    private HikariDataSource dataSource;
    private JdbcMessageStore store;
    private HttpApiServer server;
    private ApiFixture.Answer last;
    private URI base;
    private long nextId = 5_000;

    @BeforeEach
    void start() {
        GatewayConfig config = new ConfigLoader(Map.of()).parse(CONFIG, List.of());
        reads = Executors.newFixedThreadPool(1);
        dataSource = DataSources.open(DataSourceSettings.of("jdbc:h2:file:" + dir.resolve("gateway"), "", ""));
        store = JdbcMessageStore.open(dataSource, StoreSettings.defaults(1), clock, reads);
        server = new HttpApiServer(config, ApiServices.of(intake, config).withPulls(store), GatewayMetrics.NOOP, clock,
            clock::nanoTime);
        base = URI.create("http://127.0.0.1:" + server.start().getPort());
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
        dataSource.close();
        reads.shutdownNow();
        intake.close();
    }

    @Test
    void replyPullAnswersTheSmsReplyDataOnceOldestFirst() {
        MoMessage first = mo("puller", "TD");
        clock.advance(Duration.ofSeconds(2));
        MoMessage second = mo("puller", "你好");
        mo("half", "not puller's");

        JsonNode items = ok(get("/v1/reply", "puller", "secret-p"));
        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("phone").asText()).isEqualTo(MOBILE);
        assertThat(items.get(0).get("replyTime").asLong()).isEqualTo(first.receivedAt().getEpochSecond());
        assertThat(items.get(0).get("content").asText()).isEqualTo("TD");
        assertThat(items.get(1).get("content").asText()).isEqualTo("你好");
        assertThat(items.get(1).get("replyTime").asLong()).isEqualTo(second.receivedAt().getEpochSecond());

        clock.advance(Duration.ofSeconds(5));
        assertThat(ok(get("/v1/reply", "puller", "secret-p"))).as("each item once").isEmpty();
    }

    @Test
    void reportPullAnswersTheSmsReportDataOnce() {
        OutboundMessage delivered = finalMessage(41_001, "DELIVRD");
        OutboundMessage expired = finalMessage(41_002, "EXPIRED");

        JsonNode items = ok(get("/v1/report", "puller", "secret-p"));
        assertThat(items).hasSize(2);
        JsonNode one = items.get(0);
        assertThat(one.get("msgId").isTextual()).as("a 64-bit id as a string").isTrue();
        assertThat(one.get("msgId").asText()).isEqualTo(Long.toString(delivered.msgId()));
        assertThat(one.get("status").asInt()).isEqualTo(4001);
        assertThat(one.get("receiveTime").asLong()).isEqualTo(clock.instant().getEpochSecond());
        assertThat(one.get("phone").asText()).isEqualTo(MOBILE);
        assertThat(one.get("stat").asText()).isEqualTo("DELIVRD");
        assertThat(items.get(1).get("msgId").asText()).isEqualTo(Long.toString(expired.msgId()));
        assertThat(items.get(1).get("status").asInt()).isEqualTo(4003);

        clock.advance(Duration.ofSeconds(5));
        assertThat(ok(get("/v1/report", "puller", "secret-p"))).isEmpty();
    }

    @Test
    void anAppPullsEachTypeOnceEveryFiveSecondsAndARefusedPullDoesNotRestartTheWait() {
        ok(get("/v1/report", "puller", "secret-p"));
        ok(get("/v1/reply", "puller", "secret-p"));

        clock.advance(Duration.ofMillis(4_999));
        assertError(get("/v1/report", "puller", "secret-p"), 403, 50201);
        assertThat(last.message()).isEqualTo("pull out of frequency");
        assertError(get("/v1/reply", "puller", "secret-p"), 403, 50201);

        clock.advance(Duration.ofMillis(1));
        ok(get("/v1/report", "puller", "secret-p"));
        ok(get("/v1/reply", "puller", "secret-p"));
        assertError(get("/v1/reply", "puller", "secret-p"), 403, 50201);
    }

    /** Issue 12: the interval was kept in each node's memory, so every node allowed its own pull. */
    @Test
    void aSecondNodeOnTheSameStoreRefusesAPullWithinFiveSecondsOfTheFirstNodes() {
        GatewayConfig config = new ConfigLoader(Map.of()).parse(CONFIG, List.of());
        HikariDataSource otherPool = DataSources.open(DataSourceSettings.of("jdbc:h2:file:" + dir.resolve("gateway"),
            "", ""));
        JdbcMessageStore otherStore = JdbcMessageStore.open(otherPool, StoreSettings.defaults(2), clock, reads);
        HttpApiServer otherNode = new HttpApiServer(config, ApiServices.of(intake, config).withPulls(otherStore),
            GatewayMetrics.NOOP, clock, clock::nanoTime);
        try {
            URI first = base;
            URI second = URI.create("http://127.0.0.1:" + otherNode.start().getPort());
            ok(get("/v1/report", "puller", "secret-p"));

            clock.advance(Duration.ofMillis(4_999));
            base = second;
            assertError(get("/v1/report", "puller", "secret-p"), 403, 50201);
            clock.advance(Duration.ofMillis(1));
            ok(get("/v1/report", "puller", "secret-p"));
            base = first;
            assertError(get("/v1/report", "puller", "secret-p"), 403, 50201);
        } finally {
            otherNode.close();
            otherStore.close();
            otherPool.close();
        }
    }

    @Test
    void aTypeTheAppHasCallbacksForIsNotPulled() {
        assertError(get("/v1/report", "called", "secret-c"), 403, 50202);
        assertThat(last.message()).isEqualTo("pull not allow");
        assertError(get("/v1/reply", "called", "secret-c"), 403, 50202);

        assertError(get("/v1/report", "half", "secret-h"), 403, 50202);
        mo("half", "hi");
        assertThat(ok(get("/v1/reply", "half", "secret-h"))).as("SMS_REPLY is not called back: pullable")
            .hasSize(1);
    }

    @Test
    void pullsAreGetOnlyAndAuthenticated() {
        assertError(send(HttpRequest.newBuilder(base.resolve("/v1/report"))
            .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json")
            .header("Authorization", ApiFixture.basic("puller", "secret-p"))), 405, 50018);
        assertError(get("/v1/reply", "puller", "wrong"), 401, 50002);
        assertThat(ok(get("/v1/reply", "puller", "secret-p"))).as("the failures used no pull").isEmpty();
    }

    private MoMessage mo(String appKey, String content) {
        MoMessage mo = new MoMessage(nextId++, "p", nextId, appKey, null, MOBILE, "1069", content, clock.instant());
        assertThat(Await.result("storeMo", store.storeMo(mo))).isTrue();
        return mo;
    }

    private OutboundMessage finalMessage(long carrierMsgId, String stat) {
        OutboundMessage m = new OutboundMessage(nextId++, "puller", MOBILE, "【签名】hello", 1, 1, null, 1,
            clock.instant());
        Await.result("accept", store.accept(List.of(m)));
        Await.result("recordSubmitted", store.recordSubmitted(List.of(new SubmitOutcome(m.msgId(), 1, 1, "p",
            carrierMsgId, 0, clock.instant()))));
        Await.result("recordReport", store.recordReport(new CarrierReport("p", carrierMsgId, stat, MOBILE,
            clock.instant())));
        return m;
    }

    /** A GET as the JSMS SDK sends it: a JSON content type and no body. */
    private ApiFixture.Answer get(String path, String appKey, String secret) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET().header("Content-Type", "application/json")
            .header("Authorization", ApiFixture.basic(appKey, secret)));
    }

    private ApiFixture.Answer send(HttpRequest.Builder request) {
        last = ApiFixture.send(client, request.timeout(Duration.ofSeconds(30)).build());
        return last;
    }

    private static JsonNode ok(ApiFixture.Answer answer) {
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        assertThat(answer.json().isArray()).as(answer.raw().body()).isTrue();
        return answer.json();
    }

    private static void assertError(ApiFixture.Answer answer, int status, int code) {
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(status);
        assertThat(answer.code()).isEqualTo(code);
    }
}
