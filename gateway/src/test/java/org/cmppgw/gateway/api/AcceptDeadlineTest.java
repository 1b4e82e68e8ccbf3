package org.cmppgw.gateway.api;

import org.cmppgw.gateway.metrics.PrometheusGatewayMetrics;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9 "Database down or frozen": a send waits for the store at most {@code server.acceptTimeout}; messages still
 * queued then are withdrawn and answered 503, while a commit already under way is waited for (its outcome decides).
 */
class AcceptDeadlineTest {
    private static final String ONE = "{\"mobile\":\"13800138000\",\"temp_id\":1,\"temp_para\":{\"code\":\"1\"}}";
    private static final String BATCH = "{\"temp_id\":1,\"recipients\":[{\"mobile\":\"13800138000\","
        + "\"temp_para\":{\"code\":\"1\"}},{\"mobile\":\"13800138001\",\"temp_para\":{\"code\":\"2\"}}]}";
    private static final Duration DEADLINE = Duration.ofMillis(300);

    private final PrometheusGatewayMetrics metrics = new PrometheusGatewayMetrics();
    private final ApiFixture api = new ApiFixture(metrics, "server.acceptTimeout=" + DEADLINE.toMillis() + "ms");

    @AfterEach
    void close() {
        api.close();
        metrics.close();
    }

    @Test
    void messagesStillQueuedAtTheDeadlineAreWithdrawnAndAnswered503() {
        api.intake.mode = RecordingIntake.Mode.HOLD;

        ApiFixture.Answer one = api.post("/v1/messages", ONE);
        ApiFixture.Answer batch = api.post("/v1/messages/batch", BATCH);
        api.intake.release();

        assertThat(one.status()).isEqualTo(503);
        assertThat(one.json().toString()).isEqualTo("{\"error\":{\"code\":50019,\"message\":\""
            + MessagesEndpoint.WITHDRAWN_MESSAGE + "\"}}");
        assertThat(batch.status()).isEqualTo(503);
        assertThat(batch.code()).isEqualTo(50019);
        assertThat(api.intake.accepted).as("withdrawn: never stored").isEmpty();
        assertThat(metrics.scrape()).contains("cmppgw_api_accepts_withdrawn_total 3.0");
    }

    @Test
    void aCommitUnderWayAtTheDeadlineIsWaitedForAndDecides() {
        api.intake.mode = RecordingIntake.Mode.HOLD_WRITING;
        long start = System.nanoTime();
        CompletableFuture<ApiFixture.Answer> answer = CompletableFuture.supplyAsync(() -> api.post("/v1/messages",
            ONE));
        Await.until("the send held by the intake", () -> api.intake.holding() == 1);
        // proving that nothing happens takes time: wait out three deadlines
        Await.until("past the deadline", () -> System.nanoTime() - start > 3 * DEADLINE.toNanos());
        assertThat(answer).as("not answered while its commit runs").isNotDone();

        api.intake.release();

        ApiFixture.Answer done = Await.result("the answer", answer);
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.json().path("msg_id").asText()).isEqualTo("1");
        assertThat(metrics.scrape()).contains("cmppgw_api_accepts_withdrawn_total 0.0");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThan(3 * DEADLINE.toMillis());
    }
}
