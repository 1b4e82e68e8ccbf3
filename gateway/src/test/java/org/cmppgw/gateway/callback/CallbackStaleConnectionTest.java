package org.cmppgw.gateway.callback;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.cmppgw.gateway.config.CallbackConfig;
import org.cmppgw.gateway.metrics.CallbackOutcome;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cmppgw.gateway.callback.OutboxFixture.TIMEOUT;

/**
 * Issue 9: one run of GatewayKillRestartIT in 20 ended with callbacks owed for minutes. A callback POSTed on a pooled
 * keep-alive connection that the app's server had already closed failed before any answer, counted as a failed
 * attempt and waited out the retry schedule's first delay (3 minutes). Against a real receiver that closes its
 * keep-alive connections under the next request, such a request is now sent again at once on a new connection, and
 * only a failure on a new connection counts.
 */
final class CallbackStaleConnectionTest extends OutboxTestBase {
    /** A failed attempt would wait far longer than the test: every callback arriving proves none failed. */
    private static final List<Duration> JSMS_SCHEDULE = List.of(Duration.ofMinutes(3), Duration.ofHours(1),
        Duration.ofHours(12));

    private CallbackDispatcher start(String url) {
        // one request at a time, so every callback after the first goes out on the connection the one before used
        CallbackConfig callbacks = OutboxFixture.callbacks(JSMS_SCHEDULE, Duration.ofSeconds(5), 1, 2,
            Duration.ofSeconds(30));
        return fixture.start(OutboxFixture.settings(callbacks, Duration.ofSeconds(30), Duration.ofSeconds(1)),
            OutboxFixture.config(url));
    }

    @Test
    void aRequestOnAKeepAliveConnectionTheServerClosedIsSentAgainAtOnceOnANewOne() throws Exception {
        try (KeepAliveClosingReceiver receiver = new KeepAliveClosingReceiver(1)) {
            String url = receiver.url("/cb");
            CallbackDispatcher dispatcher = start(url);
            List<OutboundMessage> messages = fixture.finalReports(url, "DELIVRD", 10);

            Await.until("every callback", TIMEOUT, () -> receiver.acknowledged().size() == 10, fixture::state);
            Await.until("the outbox to empty", TIMEOUT, () -> fixture.outboxRows() == 0, fixture::state);

            assertThat(receiver.acknowledged()).as("each once").containsExactlyInAnyOrderElementsOf(
                messages.stream().map(m -> Long.toString(m.msgId())).toList());
            assertThat(receiver.dropped()).as("every callback after the first met a closed connection").isEqualTo(9);
            assertThat(fixture.metrics.staleRetries).as("each sent again once").hasValue(9);
            assertThat(receiver.connections()).isEqualTo(10);
            assertThat(fixture.metrics.attempts(CallbackOutcome.DELIVERED)).isEqualTo(10);
            assertThat(fixture.metrics.attempts(CallbackOutcome.IO_ERROR)).as("no failed attempt").isZero();
            assertThat(dispatcher.breakerState(url)).contains(CircuitBreaker.State.CLOSED);
        }
    }

    @Test
    void aRequestThatFailsOnANewConnectionIsAFailedAttemptAndNotSentAgainAtOnce() throws Exception {
        try (KeepAliveClosingReceiver receiver = new KeepAliveClosingReceiver(0)) {
            String url = receiver.url("/cb");
            start(url);
            fixture.finalReports(url, "DELIVRD", 1);

            Await.until("the failed attempt", TIMEOUT, () -> fixture.metrics.attempts(CallbackOutcome.IO_ERROR) == 1,
                fixture::state);
            Await.until("its row rescheduled for the first retry", TIMEOUT, () -> fixture.count(
                "SELECT COUNT(*) FROM callback_outbox WHERE claimed_by IS NULL AND attempts = 1 AND due_at > "
                    + (fixture.clock.millis() + 60_000)) == 1, fixture::state);

            assertThat(receiver.connections()).isEqualTo(1);
            assertThat(receiver.dropped()).isEqualTo(1);
            assertThat(fixture.metrics.staleRetries).hasValue(0);
            assertThat(receiver.acknowledged()).isEmpty();
        }
    }
}
