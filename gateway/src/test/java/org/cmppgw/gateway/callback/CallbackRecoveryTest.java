package org.cmppgw.gateway.callback;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.cmppgw.gateway.config.CallbackConfig;
import org.cmppgw.gateway.metrics.CallbackOutcome;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cmppgw.gateway.callback.OutboxFixture.TIMEOUT;

/**
 * Issue 9: callbacks an app's outage pushed to a later retry (the JSMS schedule: 3 min, 1 h, 12 h) are sent within
 * seconds once the app answers again, not when their retry comes; a single callback the app keeps refusing keeps its
 * schedule. Real H2 outbox and real receivers; the schedule is far longer than the test waits, so a callback that
 * arrives was pulled forward.
 */
final class CallbackRecoveryTest extends OutboxTestBase {
    private static final List<Duration> JSMS_SCHEDULE = List.of(Duration.ofMinutes(3), Duration.ofHours(1),
        Duration.ofHours(12));
    private static final int CALLBACKS = 20;

    private static List<String> ids(List<OutboundMessage> messages) {
        return messages.stream().map(m -> Long.toString(m.msgId())).toList();
    }

    private CallbackDispatcher start(String url) {
        // the breaker opens after 4 failures of 4 and probes again after 300 ms
        CallbackConfig callbacks = OutboxFixture.callbacks(JSMS_SCHEDULE, Duration.ofSeconds(5), 4, 4,
            Duration.ofMillis(300));
        return fixture.start(OutboxFixture.settings(callbacks, Duration.ofSeconds(5), Duration.ofSeconds(1)),
            OutboxFixture.config(url));
    }

    /** Outbox rows attempted once, failed, and waiting for the first retry (3 minutes). */
    private long rescheduled() {
        return fixture.count("SELECT COUNT(*) FROM callback_outbox WHERE claimed_by IS NULL AND attempts = 1"
            + " AND due_at > " + (fixture.clock.millis() + 60_000));
    }

    @Test
    void anAppThatAnswered500GetsItsRescheduledCallbacksWithinSecondsOfAnswering200() throws Exception {
        AtomicReference<Integer> answer = new AtomicReference<>(500);
        TestReceiver receiver = receiver(0, (form, n) -> answer.get());
        String url = receiver.url("/cb");
        CallbackDispatcher dispatcher = start(url);
        List<OutboundMessage> messages = fixture.finalReports(url, "DELIVRD", CALLBACKS);

        Await.until("failed callbacks rescheduled for 3 minutes and the breaker open", TIMEOUT,
            () -> rescheduled() >= 4 && fixture.metrics.attempts(CallbackOutcome.CIRCUIT_OPEN) > 0, fixture::state);
        answer.set(200);

        Await.until("every callback", TIMEOUT, () -> receiver.acknowledgedByMsgId().size() == CALLBACKS,
            fixture::state);
        Await.until("the outbox to empty", TIMEOUT, () -> fixture.outboxRows() == 0, fixture::state);
        assertThat(receiver.acknowledgedByMsgId()).containsOnlyKeys(ids(messages))
            .allSatisfy((id, n) -> assertThat(n).as("acknowledged once: %s", id).isEqualTo(1));
        assertThat(fixture.metrics.attempts(CallbackOutcome.REJECTED)).isGreaterThanOrEqualTo(4);
        assertThat(dispatcher.breakerState(url)).contains(CircuitBreaker.State.CLOSED);
        assertThat(fixture.metrics.gaveUp).hasValue(0);
    }

    @Test
    void anAppThatRefusedConnectionsGetsItsRescheduledCallbacksWithinSecondsOfListening() throws Exception {
        int port;
        try (ServerSocket reserved = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = reserved.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/cb";
        start(url);
        List<OutboundMessage> messages = fixture.finalReports(url, "DELIVRD", CALLBACKS);

        Await.until("refused callbacks rescheduled for 3 minutes and the breaker open", TIMEOUT,
            () -> rescheduled() >= 4 && fixture.metrics.attempts(CallbackOutcome.CIRCUIT_OPEN) > 0, fixture::state);
        TestReceiver receiver = receiver(port, TestReceiver.OK);

        Await.until("every callback", TIMEOUT, () -> receiver.acknowledgedByMsgId().size() == CALLBACKS,
            fixture::state);
        Await.until("the outbox to empty", TIMEOUT, () -> fixture.outboxRows() == 0, fixture::state);
        assertThat(receiver.acknowledgedByMsgId()).containsOnlyKeys(ids(messages))
            .allSatisfy((id, n) -> assertThat(n).as("acknowledged once: %s", id).isEqualTo(1));
        assertThat(fixture.metrics.attempts(CallbackOutcome.IO_ERROR)).isGreaterThanOrEqualTo(4);
    }

    @Test
    void aCallbackTheAppKeepsRefusingKeepsItsScheduleWhileTheOthersArrive() throws Exception {
        AtomicReference<String> refused = new AtomicReference<>();
        TestReceiver receiver = receiver(0, (form, n) -> {
            String msgId = new TestReceiver.Received("POST", "", "", form, 0).msgId();
            refused.compareAndSet(null, msgId);
            return msgId.equals(refused.get()) ? 500 : 200;
        });
        String url = receiver.url("/cb");
        start(url);
        fixture.finalReports(url, "DELIVRD", CALLBACKS);

        Await.until("the other callbacks", TIMEOUT,
            () -> receiver.acknowledgedByMsgId().size() == CALLBACKS - 1, fixture::state);
        Await.until("only the refused one owed", TIMEOUT, () -> fixture.outboxRows() == 1, fixture::state);
        Await.until("... waiting for its first retry", TIMEOUT, () -> rescheduled() == 1, fixture::state);
        assertThat(receiver.received()).filteredOn(r -> r.msgId().equals(refused.get())).as("tried once")
            .hasSize(1);
        assertThat(fixture.metrics.attempts(CallbackOutcome.REJECTED)).isEqualTo(1);
    }
}
