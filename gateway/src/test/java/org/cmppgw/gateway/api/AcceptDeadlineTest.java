package org.cmppgw.gateway.api;

import org.cmppgw.gateway.metrics.PrometheusGatewayMetrics;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9 "Database down or frozen": a send waits for the store at most {@code server.acceptTimeout}; messages still
 * queued then are withdrawn and answered 503 "none was stored", and a send whose commit is already under way is
 * answered 503 "outcome unknown" at the deadline too, while its commit goes on and decides.
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
    void aCommitUnderWayAtTheDeadlineIsAnsweredOutcomeUnknownAndGoesOn() {
        api.intake.mode = RecordingIntake.Mode.HOLD_WRITING;
        long start = System.nanoTime();

        ApiFixture.Answer answer = api.post("/v1/messages", ONE);
        long answeredMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.json().toString()).isEqualTo("{\"error\":{\"code\":50019,\"message\":\""
            + IntakeGate.OUTCOME_UNKNOWN_MESSAGE + "\"}}");
        assertThat(answeredMillis).as("answered at the deadline, not after the commit")
            .isBetween(DEADLINE.toMillis(), DEADLINE.toMillis() + 2_000);
        assertThat(api.intake.holding()).as("the commit still runs").isEqualTo(1);
        assertThat(metrics.scrape()).contains("cmppgw_api_accepts_outcome_unknown_total 1.0")
            .contains("cmppgw_api_accepts_withdrawn_total 0.0");

        api.intake.release();
        Await.until("the commit done", () -> api.intake.accepted.size() == 1);
    }
}
