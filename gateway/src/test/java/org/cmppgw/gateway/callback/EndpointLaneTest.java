package org.cmppgw.gateway.callback;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.cmppgw.gateway.config.CircuitBreakerConfig;
import org.cmppgw.gateway.metrics.CallbackOutcome;
import org.cmppgw.testing.Await;
import org.cmppgw.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** One endpoint's bookkeeping: its key, its pace-based admission and deferrals, its breaker. */
final class EndpointLaneTest {
    private final MutableClock clock = new MutableClock(Instant.ofEpochMilli(1_000_000));
    private final EndpointLane lane = new EndpointLane("http://127.0.0.1:80", 2,
        new CircuitBreakerConfig(50, 2, 2, Duration.ofSeconds(60), 1), clock::millis);

    @Test
    void theKeyIsSchemeHostAndPortWithDefaults() {
        assertThat(EndpointLane.keyOf(URI.create("HTTP://Example.COM/cb?x=1"))).isEqualTo("http://example.com:80");
        assertThat(EndpointLane.keyOf(URI.create("https://example.com/cb"))).isEqualTo("https://example.com:443");
        assertThat(EndpointLane.keyOf(URI.create("http://127.0.0.1:8090/a"))).isEqualTo("http://127.0.0.1:8090");
    }

    @Test
    void aSlowEndpointAdmitsFewAndSpacesItsDeferralsByItsPace() {
        for (int i = 0; i < 12; i++) {
            assertThat(lane.tryStart()).isTrue();
            lane.finished(new CallbackHttp.Result(CallbackOutcome.DELIVERED, 200, 2_000_000_000L, null));
        }
        // ~2 s per request, 2 connections: a task waits ~1 s per place in the queue
        for (int i = 0; i < 4; i++) {
            lane.enqueue(new EndpointLane.Waiting(null, URI.create("http://127.0.0.1/"), 0));
        }
        assertThat(lane.admits(Duration.ofSeconds(5).toNanos())).as("5th place starts within 5 s").isTrue();
        lane.enqueue(new EndpointLane.Waiting(null, URI.create("http://127.0.0.1/"), 0));
        assertThat(lane.admits(Duration.ofSeconds(5).toNanos())).as("6th place would wait > 5 s").isFalse();

        long first = lane.busyDeferralMillis(clock.millis(), 1_000);
        long second = lane.busyDeferralMillis(clock.millis(), 1_000);
        assertThat(first).isEqualTo(clock.millis() + 1_000);
        assertThat(second - first).as("about one request time / connections").isBetween(900L, 1_100L);
    }

    @Test
    void failuresOpenTheBreakerAndDeferralsWaitForIt() {
        for (int i = 0; i < 2; i++) {
            assertThat(lane.tryStart()).isTrue();
            lane.finished(new CallbackHttp.Result(CallbackOutcome.REJECTED, 500, 1_000_000L, null));
        }
        assertThat(lane.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(lane.openUntilAfter(clock.millis())).isTrue();
        assertThat(lane.tryStart()).isFalse();
        assertThat(lane.breakerDeferralMillis(clock.millis()))
            .isBetween(clock.millis() + 60_000, clock.millis() + 120_000);
        assertThat(lane.openUntilAfter(clock.millis() + 60_000)).as("the wait is over: let a probe try").isFalse();
    }

    @Test
    void onlyASuccessAfterAFailureStreakWithTheBreakerClosedPullsTheWaitingRoutesForward() {
        // a breaker that never opens here: 20 calls before it judges
        EndpointLane patient = new EndpointLane("http://127.0.0.1:80", 2,
            new CircuitBreakerConfig(50, 20, 20, Duration.ofSeconds(60), 1), clock::millis);
        EndpointLane.Route route = new EndpointLane.Route("app-1", "http://127.0.0.1/cb");
        patient.waits(route);
        for (int i = 1; i < EndpointLane.DOWN_STREAK; i++) {
            finish(patient, 500);
        }
        finish(patient, 200);
        assertThat(patient.recovered()).as("failures short of a streak: one refused callback").isEmpty();

        for (int i = 0; i < EndpointLane.DOWN_STREAK; i++) {
            finish(patient, 500);
        }
        finish(patient, 200);
        assertThat(patient.recovered()).as("after a streak").containsExactly(route);
        finish(patient, 200);
        assertThat(patient.recovered()).as("once per recovery").isEmpty();
    }

    @Test
    void whileTheBreakerIsHalfOpenTheSuccessThatClosesItPullsForward() {
        EndpointLane probing = new EndpointLane("http://127.0.0.1:80", 2,
            new CircuitBreakerConfig(50, 2, 2, Duration.ofMillis(1), 2), clock::millis);
        EndpointLane.Route route = new EndpointLane.Route("app-1", "http://127.0.0.1/cb");
        finish(probing, 500);
        finish(probing, 500);
        probing.waits(route);
        assertThat(probing.state()).isEqualTo(CircuitBreaker.State.OPEN);
        // the breaker's own clock: its 1 ms open wait passes, and a first probe is let through
        Await.until("a probe let through", Duration.ofSeconds(10), probing::tryStart);

        probing.finished(new CallbackHttp.Result(CallbackOutcome.DELIVERED, 200, 1_000_000L, null));
        assertThat(probing.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(probing.recovered()).as("still probing").isEmpty();
        finish(probing, 200);
        assertThat(probing.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(probing.recovered()).containsExactly(route);
    }

    private static void finish(EndpointLane lane, int status) {
        assertThat(lane.tryStart()).isTrue();
        lane.finished(new CallbackHttp.Result(status == 200 ? CallbackOutcome.DELIVERED : CallbackOutcome.REJECTED,
            status, 1_000_000L, null));
    }
}
