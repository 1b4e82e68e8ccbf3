package org.cmppgw.gateway.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.model.StoredMessage;
import org.cmppgw.gateway.persistence.LocalMariaDb;
import org.cmppgw.simulator.ismg.IsmgConfig;
import org.cmppgw.simulator.ismg.IsmgServer;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9 "Database down or frozen", the commit frozen in flight, on H2 and on a real {@code mariadbd}: a send whose
 * group commit is stalled in the database (another transaction holds the row its {@code Idempotency-Key} goes to, a
 * real lock wait) is answered 503 "outcome unknown" at {@code server.acceptTimeout}; while it is stalled a retry with
 * its key gets 409 and a send without a key queued behind it is withdrawn (503, never stored); once the lock is gone
 * the commit completes, the message is stored and sent once, and a retry with the key gets the msg_id of that one
 * message (docs/api.md "When the database is slow or down").
 */
final class IdempotentAcceptIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(1);
    /** Scheduling slack of a loaded build machine on top of the deadline. */
    private static final long SLACK_MILLIS = 1_500;
    private static final long FIRST = 13_700_000_001L;
    private static final long FROZEN = 13_700_000_002L;
    private static final long WITHOUT_KEY = 13_700_000_003L;
    private static final long RACED = 13_700_000_004L;
    private static final long BATCH_FIRST = 13_700_000_011L;
    private static final long CODE_MOBILE = 13_700_000_021L;

    @TempDir
    Path dir;

    @RepeatedTest(3)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void onH2() throws Exception {
        // the gateway's sessions wait for the test's row lock instead of failing after H2's default second
        frozenCommit(E2e.h2Url(dir) + ";LOCK_TIMEOUT=60000", "sa", "");
    }

    @RepeatedTest(3)
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void onMariaDb() throws Exception {
        try (LocalMariaDb mariaDb = LocalMariaDb.start()) {
            frozenCommit(mariaDb.createDatabase("idempotent"), mariaDb.username(), mariaDb.password());
        }
    }

    private void frozenCommit(String db, String user, String password) throws Exception {
        List<String> overrides = E2e.overrides(0, db, user, password, URI.create("http://127.0.0.1:9/cb"));
        try (IsmgServer ismg = IsmgServer.start(IsmgConfig.defaults().withPort(0), Clock.systemUTC(),
                new SimpleMeterRegistry())) {
            overrides.set(overrides.indexOf("providers[0].port=0"), "providers[0].port=" + ismg.port());
            try (Gateway gateway = Gateway.start(E2e.config(overrides, "server.acceptTimeout=" + DEADLINE.toMillis()
                    + "ms"), Clock.systemUTC());
                 Connection blocker = DriverManager.getConnection(db, user, password)) {
                URI api = URI.create("http://127.0.0.1:" + gateway.apiAddress().getPort());

                HttpResponse<String> first = E2e.sendOne(api, FIRST, E2e.TIMEOUT, "first-key");
                assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
                HttpResponse<String> replayed = E2e.sendOne(api, FIRST, E2e.TIMEOUT, "first-key");
                assertThat(replayed.statusCode()).isEqualTo(200);
                assertThat(replayed.body()).as("the stored answer").isEqualTo(first.body());
                HttpResponse<String> bad = E2e.sendOne(api, FIRST, E2e.TIMEOUT, "x".repeat(65));
                assertThat(bad.statusCode()).isEqualTo(403);
                assertThat(code(bad)).isEqualTo(50007);

                hold(blocker, "frozen-key");
                long sent = System.nanoTime();
                HttpResponse<String> frozen = E2e.sendOne(api, FROZEN, E2e.TIMEOUT, "frozen-key");
                long answeredMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);

                assertThat(frozen.statusCode()).as(frozen.body()).isEqualTo(503);
                assertThat(code(frozen)).isEqualTo(50019);
                assertThat(frozen.body()).contains("may have been stored").contains("Idempotency-Key");
                assertThat(answeredMillis).as("answered at the deadline").isLessThan(DEADLINE.toMillis()
                    + SLACK_MILLIS);
                HttpResponse<String> sameKey = E2e.sendOne(api, FROZEN, E2e.TIMEOUT, "frozen-key");
                assertThat(sameKey.statusCode()).as(sameKey.body()).isEqualTo(409);
                assertThat(code(sameKey)).isEqualTo(50019);
                HttpResponse<String> withoutKey = E2e.sendOne(api, WITHOUT_KEY, E2e.TIMEOUT);
                assertThat(withoutKey.statusCode()).as(withoutKey.body()).isEqualTo(503);
                assertThat(withoutKey.body()).contains("none was stored");
                String scrape = gateway.metrics().scrape();
                assertThat(E2e.metric(scrape, "cmppgw_api_accepts_outcome_unknown_total")).isEqualTo(1);
                assertThat(E2e.metric(scrape, "cmppgw_api_accepts_withdrawn_total")).isEqualTo(1);

                blocker.rollback();
                Await.until("the frozen send's commit decided", E2e.TIMEOUT,
                    () -> E2e.sendOne(api, FROZEN, E2e.TIMEOUT, "frozen-key").statusCode() != 409);
                HttpResponse<String> retried = E2e.sendOne(api, FROZEN, E2e.TIMEOUT, "frozen-key");
                assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
                long msgId = Long.parseUnsignedLong(read(retried).path("msg_id").asText());
                assertThat(storedTo(db, user, password, FROZEN)).as("stored once").containsExactly(msgId);
                assertThat(storedTo(db, user, password, WITHOUT_KEY)).as("the withdrawn send").isEmpty();
                Await.until("the frozen send delivered once", E2e.TIMEOUT, () -> Await.result("find",
                    gateway.store().findMessage(msgId)).map(StoredMessage::status).orElse(null)
                    == MessageStatus.DELIVERED);
            }
        }
    }

    @RepeatedTest(3)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aKeyCommittedByAnotherNodeMeanwhileIs409OnH2() throws Exception {
        raceLost(E2e.h2Url(dir) + ";LOCK_TIMEOUT=60000", "sa", "");
    }

    @RepeatedTest(2)
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aKeyCommittedByAnotherNodeMeanwhileIs409OnMariaDb() throws Exception {
        try (LocalMariaDb mariaDb = LocalMariaDb.start()) {
            raceLost(mariaDb.createDatabase("race"), mariaDb.username(), mariaDb.password());
        }
    }

    /**
     * Two nodes take the same key at once: the other one (the test's transaction) inserts it first and commits while
     * this gateway's accept waits for its row; the accept then rolls back whole (nothing stored, nothing billed) and
     * the send is answered 409, and its retry gets the other send's answer.
     */
    private void raceLost(String db, String user, String password) throws Exception {
        List<String> overrides = E2e.overrides(0, db, user, password, URI.create("http://127.0.0.1:9/cb"));
        try (IsmgServer ismg = IsmgServer.start(IsmgConfig.defaults().withPort(0), Clock.systemUTC(),
                new SimpleMeterRegistry())) {
            overrides.set(overrides.indexOf("providers[0].port=0"), "providers[0].port=" + ismg.port());
            try (Gateway gateway = Gateway.start(E2e.config(overrides, "server.acceptTimeout=30s"),
                    Clock.systemUTC());
                 Connection otherNode = DriverManager.getConnection(db, user, password)) {
                URI api = URI.create("http://127.0.0.1:" + gateway.apiAddress().getPort());
                Await.until("ready", E2e.TIMEOUT, () -> E2e.management("127.0.0.1",
                    gateway.managementAddress().getPort(), "/health/ready").statusCode() == 200);

                hold(otherNode, "raced-key");
                CompletableFuture<HttpResponse<String>> raced = CompletableFuture.supplyAsync(() ->
                    E2e.sendOne(api, RACED, E2e.TIMEOUT, "raced-key"));
                Await.until("the send's accept waiting for the key's row", E2e.TIMEOUT,
                    () -> gateway.dispatcher().capacity().inUse() == 1 && gateway.store().queuedAccepts() == 0);
                otherNode.commit();

                HttpResponse<String> lost = Await.result("the raced send's answer", raced);
                assertThat(lost.statusCode()).as(lost.body()).isEqualTo(409);
                assertThat(code(lost)).isEqualTo(50019);
                assertThat(storedTo(db, user, password, RACED)).as("rolled back whole").isEmpty();
                HttpResponse<String> retried = E2e.sendOne(api, RACED, E2e.TIMEOUT, "raced-key");
                assertThat(retried.statusCode()).isEqualTo(200);
                assertThat(retried.body()).as("the other node's answer").isEqualTo("{}");
            }
        }
    }

    @RepeatedTest(2)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aBatchAndACodeRetriedWithTheirKeysGetTheirFirstAnswersAndAreStoredOnce() throws Exception {
        String db = E2e.h2Url(dir);
        List<String> overrides = E2e.overrides(0, db, "sa", "", URI.create("http://127.0.0.1:9/cb"));
        try (IsmgServer ismg = IsmgServer.start(IsmgConfig.defaults().withPort(0), Clock.systemUTC(),
                new SimpleMeterRegistry())) {
            overrides.set(overrides.indexOf("providers[0].port=0"), "providers[0].port=" + ismg.port());
            try (Gateway gateway = Gateway.start(E2e.config(overrides, "templates[0].type=code"),
                    Clock.systemUTC())) {
                URI api = URI.create("http://127.0.0.1:" + gateway.apiAddress().getPort());
                String batch = "{\"temp_id\":1,\"recipients\":[{\"mobile\":\"" + BATCH_FIRST + "\",\"temp_para\":"
                    + "{\"code\":\"111111\"}},{\"mobile\":\"" + (BATCH_FIRST + 1) + "\",\"temp_para\":"
                    + "{\"code\":\"222222\"}}]}";
                String code = "{\"mobile\":\"" + CODE_MOBILE + "\",\"temp_id\":1}";

                HttpResponse<String> sent = post(api, "/v1/messages/batch", "batch-1", batch);
                HttpResponse<String> again = post(api, "/v1/messages/batch", "batch-1", batch);
                HttpResponse<String> codeSent = post(api, "/v1/codes", "code-1", code);
                HttpResponse<String> codeAgain = post(api, "/v1/codes", "code-1", code);

                assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
                assertThat(read(sent).path("success_count").asInt()).isEqualTo(2);
                assertThat(again.statusCode()).isEqualTo(200);
                assertThat(again.body()).isEqualTo(sent.body());
                assertThat(codeSent.statusCode()).as(codeSent.body()).isEqualTo(200);
                assertThat(codeAgain.statusCode()).isEqualTo(200);
                assertThat(codeAgain.body()).isEqualTo(codeSent.body());
                assertThat(storedTo(db, "sa", "", BATCH_FIRST)).hasSize(1);
                assertThat(storedTo(db, "sa", "", BATCH_FIRST + 1)).hasSize(1);
                assertThat(storedTo(db, "sa", "", CODE_MOBILE))
                    .containsExactly(Long.parseUnsignedLong(read(codeSent).path("msg_id").asText()));
            }
        }
    }

    private static HttpResponse<String> post(URI api, String path, String key, String body) {
        String auth = Base64.getEncoder().encodeToString((E2e.APP_KEY + ":" + E2e.MASTER_SECRET)
            .getBytes(StandardCharsets.UTF_8));
        return E2e.send(HttpRequest.newBuilder(api.resolve(path)).timeout(E2e.TIMEOUT)
            .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
            .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Holds, uncommitted, the row the gateway will store {@code key} in: its accept transaction waits for it. */
    private static void hold(Connection blocker, String key) throws SQLException {
        blocker.setAutoCommit(false);
        try (PreparedStatement insert = blocker.prepareStatement("INSERT INTO idempotency_key (app_key, idem_key,"
            + " status, code, answer, created_at) VALUES (?, ?, 200, 50000, '{}', 0)")) {
            insert.setString(1, E2e.APP_KEY);
            insert.setString(2, key);
            insert.executeUpdate();
        }
    }

    private static List<Long> storedTo(String db, String user, String password, long mobile) throws SQLException {
        try (Connection c = DriverManager.getConnection(db, user, password);
             PreparedStatement select = c.prepareStatement("SELECT msg_id FROM message WHERE mobile = ?")) {
            select.setString(1, Long.toString(mobile));
            try (ResultSet rows = select.executeQuery()) {
                List<Long> ids = new ArrayList<>();
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
                return ids;
            }
        }
    }

    private static int code(HttpResponse<String> response) {
        return read(response).path("error").path("code").asInt();
    }

    private static JsonNode read(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
