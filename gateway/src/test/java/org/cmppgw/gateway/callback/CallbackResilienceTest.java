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
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cmppgw.gateway.callback.OutboxFixture.TIMEOUT;

/**
 * Dead, slow and hung apps, a burst, and a stop with tasks in hand: nothing is lost, nothing acknowledged is sent
 * twice, and one app's trouble stays its own. Counts are asserted, never times.
 */
final class CallbackResilienceTest extends OutboxTestBase {

    private static List<String> ids(List<OutboundMessage> messages) {
        return messages.stream().map(m -> Long.toString(m.msgId())).toList();
    }

    @Test
    void aDeadAppGetsEverythingExactlyOnceAfterItRecoversAndItsBreakerOpensAndCloses() throws Exception {
        int port;
        try (ServerSocket reserved = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = reserved.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/cb";
        CallbackConfig callbacks = OutboxFixture.callbacks(Collections.nCopies(20, Duration.ofMillis(200)),
            Duration.ofSeconds(2), 4, 2, Duration.ofMillis(300));
        CallbackDispatcher dispatcher = fixture.start(OutboxFixture.settings(callbacks, Duration.ofSeconds(5),
            Duration.ofSeconds(1)), OutboxFixture.config(url));
        List<OutboundMessage> messages = fixture.finalReports(url, "DELIVRD", 20);

        Await.until("the breaker to open", TIMEOUT, () -> fixture.metrics.attempts(CallbackOutcome.CIRCUIT_OPEN) > 0);
        assertThat(fixture.metrics.attempts(CallbackOutcome.IO_ERROR)).as("connection refused").isPositive();
        TestReceiver receiver = receiver(port, TestReceiver.OK);

        Await.until("every callback", TIMEOUT, () -> receiver.acknowledgedByMsgId().size() == 20);
        Await.until("the outbox to empty", TIMEOUT, () -> fixture.outboxRows() == 0);
        assertThat(receiver.acknowledgedByMsgId()).containsOnlyKeys(ids(messages)).allSatisfy((id, n) ->
            assertThat(n).as("acknowledged once: %s", id).isEqualTo(1));
        assertThat(dispatcher.breakerState(url)).contains(CircuitBreaker.State.CLOSED);
        assertThat(fixture.metrics.gaveUp).hasValue(0);
    }

    @Test
    void aSlowAppDoesNotDelayCallbacksToAnother() throws Exception {
        CountDownLatch slowness = new CountDownLatch(1);
        TestReceiver slow = receiver(0, (form, n) -> {
            // Answers only once the test has seen the fast app's callbacks: slower than any timing could be.
            slowness.await(30, TimeUnit.SECONDS);
            return 200;
        });
        TestReceiver fast = receiver(0, TestReceiver.OK);
        String slowUrl = slow.url("/slow");
        String fastUrl = fast.url("/fast");
        CallbackConfig callbacks = OutboxFixture.callbacks(List.of(Duration.ofMinutes(3)), Duration.ofSeconds(5), 4,
            100, Duration.ofSeconds(30));
        fixture.start(OutboxFixture.settings(callbacks, Duration.ofSeconds(5), Duration.ofMillis(100)),
            OutboxFixture.config(slowUrl, fastUrl));
        fixture.finalReports(slowUrl, "DELIVRD", 24);
        List<OutboundMessage> quick = fixture.finalReports(fastUrl, "DELIVRD", 20);

        try {
            Await.until("the fast app's callbacks", TIMEOUT, () -> fast.acknowledgedByMsgId().size() == 20);
            assertThat(slow.acknowledged()).as("the slow app (4 at a time, none answered yet) is far from done")
                .isLessThan(24);
            assertThat(fast.acknowledgedByMsgId()).containsOnlyKeys(ids(quick));
        } finally {
            slowness.countDown();
        }
    }

    @Test
    void aBurstToOneAppArrivesExactlyOnce() throws Exception {
        TestReceiver receiver = receiver(0, TestReceiver.OK);
        String url = receiver.url("/cb");
        CallbackConfig callbacks = OutboxFixture.callbacks(List.of(Duration.ofMillis(200)), Duration.ofSeconds(5), 8,
            100, Duration.ofSeconds(30));
        fixture.start(OutboxFixture.settings(callbacks, Duration.ofSeconds(5), Duration.ofSeconds(1)),
            OutboxFixture.config(url));
        List<OutboundMessage> messages = fixture.finalReports(url, "DELIVRD", 2_000);

        Await.until("2,000 callbacks", TIMEOUT, () -> receiver.acknowledgedByMsgId().size() == 2_000,
            () -> "received=" + receiver.requests() + ", " + fixture.state());
        Await.until("the outbox to empty", TIMEOUT, () -> fixture.outboxRows() == 0);
        assertThat(receiver.requests()).as("no request beyond one per callback").isEqualTo(2_000);
        assertThat(receiver.acknowledgedByMsgId()).containsOnlyKeys(ids(messages))
            .allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
        assertThat(fixture.metrics.attempts(CallbackOutcome.DELIVERED)).isEqualTo(2_000);
    }

    @Test
    void closingLosesNoClaimedTaskAndRequestsInFlightComeBackAfterTheLease() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        TestReceiver receiver = receiver(0, (form, n) -> {
            release.await(30, TimeUnit.SECONDS);
            return 503;
        });
        String url = receiver.url("/cb");
        CallbackConfig callbacks = OutboxFixture.callbacks(List.of(Duration.ofMillis(100)), Duration.ofSeconds(5), 4,
            100, Duration.ofSeconds(30));
        CallbackSettings settings = OutboxFixture.settings(callbacks, Duration.ofMillis(500), Duration.ofMillis(100));
        CallbackDispatcher first = fixture.start(settings, OutboxFixture.config(url));
        List<OutboundMessage> messages = fixture.finalReports(url, "DELIVRD", 30);
        Await.until("4 requests hanging", TIMEOUT, () -> receiver.requests() == 4);

        first.close();
        receiver.behaviour((form, n) -> 200);
        release.countDown();
        fixture.start(settings, OutboxFixture.config(url));

        Await.until("all but the 4 held tasks", TIMEOUT, () -> fixture.outboxRows() == 4);
        assertThat(receiver.acknowledged()).as("the 4 tasks in flight at the close stay held until the lease ends")
            .isEqualTo(26);
        Await.until("the leased ones after the lease", TIMEOUT, () -> receiver.acknowledgedByMsgId().size() == 30);
        Await.until("the outbox to empty", TIMEOUT, () -> fixture.outboxRows() == 0);
        assertThat(receiver.acknowledgedByMsgId()).containsOnlyKeys(ids(messages))
            .allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
    }
}
