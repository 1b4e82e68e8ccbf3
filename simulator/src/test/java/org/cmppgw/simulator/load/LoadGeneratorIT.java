package org.cmppgw.simulator.load;

import org.cmppgw.simulator.fakejsms.FakeJsmsConfig;
import org.cmppgw.simulator.fakejsms.FakeJsmsServer;
import org.cmppgw.simulator.fakejsms.FakeJsmsStats;
import org.cmppgw.simulator.jsms.JsmsSignature;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The generator against the fake JSMS endpoint over real 127.0.0.1 sockets: short, bounded runs. */
class LoadGeneratorIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** Long enough for the last reports to arrive on a loaded machine; only runs with losses wait it out. */
    private static final int GRACE_SECONDS = 10;

    @Test
    void singleModeAccountsForEveryMessage() {
        LoadResult r = run(Map.of("mode", "single", "messages", 2000), Map.of());

        assertThat(r.sentMessages()).isEqualTo(2000);
        assertThat(r.sentRequests()).isEqualTo(2000);
        assertComplete(r, 2000);
        assertThat(r.acceptLatency().count()).isEqualTo(2000);
    }

    @Test
    void codeModeMatchesEveryReportToItsCode() {
        // The fake has no default callback URL here, as behind backlog.sh, where the code run's receiver is not the
        // app's default URL: reports reach it only through callback_url.
        Result result = runWithFake(Map.of("mode", "code", "tempId", 2, "messages", 500, "rate", 1000,
            "sendCallbackUrl", true), Map.of("callbackUrl", ""));
        LoadResult r = result.load;

        assertThat(result.fake.skipped()).isZero();
        assertThat(r.mode()).isEqualTo("CODE");
        assertThat(r.sentRequests()).isEqualTo(500);
        assertComplete(r, 500);
        assertThat(r.acceptLatency().count()).isEqualTo(500);
        // The fake reports 20 ms after its accept; the answer's own trip back comes off that, a little.
        assertThat(r.callbackLatency().p50Ms()).isGreaterThan(10);
    }

    @Test
    void batchModeWithPerRequestCallbackUrlAccountsForEveryMessage() {
        // The fake has no default callback URL here: reports can only reach the receiver through callback_url.
        Result result = runWithFake(Map.of("mode", "batch", "batchSize", 100, "messages", 2000,
            "sendCallbackUrl", true), Map.of("callbackUrl", ""));
        LoadResult r = result.load;

        assertThat(result.fake.skipped()).isZero();
        assertThat(r.sentRequests()).isEqualTo(20);
        assertComplete(r, 2000);
        assertThat(r.acceptLatency().count()).isEqualTo(20);
    }

    @Test
    void droppedReportsAreCountedAsLostExactly() {
        // Something is lost, so the run always waits out its grace period: keep it short but generous.
        Result r = runWithFake(Map.of("messages", 1000, "graceSeconds", GRACE_SECONDS), Map.of("dropPercent", 5));

        assertThat(r.fake.dropped()).isEqualTo(50);
        assertThat(r.load.accepted()).isEqualTo(1000);
        assertThat(r.load.reports()).isEqualTo(950);
        assertThat(r.load.lost()).isEqualTo(50);
        assertThat(r.load.duplicates()).isZero();
        assertThat(r.load.errors()).isZero();
        assertThat(r.load.passed()).isFalse();
    }

    @Test
    void duplicatedReportsAreCounted() {
        // One callback connection keeps reports in order, and with 2001 messages the last one is not duplicated,
        // so every duplicate has arrived before the run sees its last first report.
        Result r = runWithFake(Map.of("messages", 2001), Map.of("duplicatePercent", 5, "callbackConnections", 1));

        assertThat(r.fake.duplicated()).isEqualTo(100);
        assertThat(r.load.duplicates()).isEqualTo(100);
        assertThat(r.load.reports()).isEqualTo(2101);
        assertThat(r.load.lost()).isZero();
        assertThat(r.load.passed()).isTrue();
    }

    @Test
    void badlySignedReportsAreRefusedAndCounted() {
        Result r = runWithFake(Map.of("messages", 500, "graceSeconds", GRACE_SECONDS),
            Map.of("badSignaturePercent", 1, "callbackRetries", 0));

        assertThat(r.fake.badlySigned()).isEqualTo(5);
        assertThat(r.fake.abandoned()).isEqualTo(5);
        assertThat(r.load.badSignatures()).isEqualTo(5);
        assertThat(r.load.lost()).isEqualTo(5);
        assertThat(r.load.reports()).isEqualTo(495);
    }

    @Test
    void receiverEchoesVerificationAndAnswers401ToABadSignature() throws Exception {
        LoadConfig config = base(Map.of("messages", 100));
        try (LoadGenerator generator = LoadGenerator.open(config, null)) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
            URI callback = generator.callbackUri();
            HttpResponse<String> echo = client.send(HttpRequest.newBuilder(URI.create(callback + "?echostr=xyz%201"))
                .timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(echo.statusCode()).isEqualTo(200);
            assertThat(echo.body()).isEqualTo("xyz 1");

            JsmsSignature signature = new JsmsSignature(config.appKey(), config.masterSecret());
            String report = "{\"msgId\":\"42\",\"status\":4001,\"receiveTime\":1700000000,\"phone\":\"13800000000\"}";
            assertThat(post(client, callback, form("1", "2", "0".repeat(40), report))).isEqualTo(401);
            assertThat(post(client, callback, form("1", "2", signature.sign("1", "2"), report))).isEqualTo(200);
            assertThat(post(client, callback, form("1", "2", signature.sign("1", "2"), "not json"))).isEqualTo(400);

            try (FakeJsmsServer fake = FakeJsmsServer.start(fake(generator, Map.of()))) {
                LoadResult r = generator.run(fake.uri());

                assertThat(r.badSignatures()).isEqualTo(1);
                assertThat(r.badCallbacks()).isEqualTo(1);
                assertThat(r.unknownMsgIds()).isEqualTo(1);
                assertThat(r.accepted()).isEqualTo(100);
                assertThat(r.lost()).isZero();
            }
        }
    }

    @Test
    void httpErrorsAreCountedByStatusAndJsmsCode() {
        LoadConfig config = base(Map.of("messages", 300, "batchSize", 100, "appKey", "wrong-app"));
        try (LoadGenerator generator = LoadGenerator.open(config, null);
             FakeJsmsServer fake = FakeJsmsServer.start(fake(generator, Map.of("appKey", "demo-app-key")))) {
            LoadResult r = generator.run(fake.uri());

            assertThat(r.errorsByCode()).containsExactly(Map.entry("http_401/jsms_50002", 3L));
            assertThat(r.failedMessages()).isEqualTo(300);
            assertThat(r.accepted()).isZero();
            assertThat(r.passed()).isFalse();
        }
    }

    @Test
    void unreachableTargetEndsTheRunWithConnectErrors() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (LoadGenerator generator = LoadGenerator.open(base(Map.of("messages", 100)), null)) {
            LoadResult r = generator.run(URI.create("http://127.0.0.1:" + closedPort));

            assertThat(r.errorsByCode()).containsEntry("connect_failed", 2L);
            assertThat(r.sentMessages()).isZero();
            assertThat(r.passed()).isFalse();
        }
    }

    @Test
    void pacedRunFollowsItsScheduleAndPrintsProgress() {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        LoadConfig config = base(Map.of("messages", 1500, "rate", 1000, "batchSize", 50));
        try (LoadGenerator generator = LoadGenerator.open(config, new PrintStream(progress, true,
            StandardCharsets.UTF_8)); FakeJsmsServer fake = FakeJsmsServer.start(fake(generator, Map.of()))) {
            LoadResult r = generator.run(fake.uri());

            assertComplete(r, 1500);
            // The last batch (messages 1450..1499) is not due before 1.45 s: pacing is a lower bound.
            assertThat(r.sendSeconds()).isGreaterThanOrEqualTo(1.45);
        }
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("[1s ", " accepted ", " reports ");
    }

    private static void assertComplete(LoadResult r, long messages) {
        assertThat(r.accepted()).isEqualTo(messages);
        assertThat(r.reports()).isEqualTo(messages);
        assertThat(r.callbacks()).isEqualTo(messages);
        assertThat(r.reportsByStatus()).containsExactly(Map.entry("4001", messages));
        assertThat(r.callbacksByType()).containsExactly(Map.entry("SMS_REPORT", messages));
        assertThat(r.lost()).isZero();
        assertThat(r.duplicates()).isZero();
        assertThat(r.unknownMsgIds()).isZero();
        assertThat(r.badSignatures()).isZero();
        assertThat(r.errors()).isZero();
        assertThat(r.errorsByCode()).isEmpty();
        assertThat(r.callbackLatency().count()).isEqualTo(messages);
        assertThat(r.hardLimitHit()).isFalse();
        assertThat(r.passed()).isTrue();
    }

    private static LoadResult run(Map<String, ?> load, Map<String, ?> fake) {
        return runWithFake(load, fake).load;
    }

    private static Result runWithFake(Map<String, ?> load, Map<String, ?> fakeChanges) {
        try (LoadGenerator generator = LoadGenerator.open(base(load), null);
             FakeJsmsServer fake = FakeJsmsServer.start(fake(generator, fakeChanges))) {
            return new Result(generator.run(fake.uri()), fake.stats());
        }
    }

    /** Flat out over 2 connections on free ports, no files, no progress, bounded by a 60 s send phase. */
    private static LoadConfig base(Map<String, ?> changes) {
        Map<String, Object> all = new HashMap<>(Map.of("callbackPort", 0, "rate", 0, "connections", 2,
            "durationSeconds", 60, "graceSeconds", 20, "progress", false, "resultFile", ""));
        all.putAll(changes);
        return LoadConfig.defaults().with(all);
    }

    private static FakeJsmsConfig fake(LoadGenerator generator, Map<String, ?> changes) {
        Map<String, Object> all = new HashMap<>(Map.of("callbackUrl", generator.callbackUri().toString(),
            "callbackDelayMillis", 20));
        all.putAll(changes);
        return FakeJsmsConfig.defaults().with(all);
    }

    private static String form(String nonce, String timestamp, String signature, String data) {
        return "nonce=" + nonce + "&timestamp=" + timestamp + "&signature=" + signature + "&type=SMS_REPORT&data="
            + URLEncoder.encode(data, StandardCharsets.UTF_8);
    }

    private static int post(HttpClient client, URI uri, String form) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private record Result(LoadResult load, FakeJsmsStats fake) {
    }
}
