package org.cmppgw.gateway.provider.cmpp;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import org.cmppgw.gateway.config.CircuitBreakerConfig;

import java.time.Duration;

/**
 * The resilience4j pieces of a provider: its TPS limit and its circuit breaker (docs/design.md §3,
 * docs/cmpp-protocol.md §12.2).
 *
 * <p>The rate limiter is only ever asked with {@link RateLimiter#reservePermission()}, which never parks the caller:
 * it answers 0 (go), a wait in nanoseconds with the permit reserved (send after the wait), or −1 (nothing within the
 * timeout; ask again after one refresh period). The period is chosen so that a burst is at most
 * {@code ceil(tps / 100)} submits: 10 ms or longer, never a whole second's worth at once.
 */
final class Resilience {
    /** Refreshes per second at most: bursts stay within 1/100 s worth of submits. */
    private static final int MAX_REFRESHES_PER_SECOND = 100;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Resilience() {
    }

    /** A limiter of {@code tps} permits per second, shared by all connections of {@code provider}. */
    static RateLimiter rateLimiter(String provider, int tps) {
        int permitsPerPeriod = (tps + MAX_REFRESHES_PER_SECOND - 1) / MAX_REFRESHES_PER_SECOND;
        long periodNanos = permitsPerPeriod * NANOS_PER_SECOND / tps;
        RateLimiterConfig config = RateLimiterConfig.custom()
            .limitForPeriod(permitsPerPeriod)
            .limitRefreshPeriod(Duration.ofNanos(periodNanos))
            // A reservation may reach two periods ahead; beyond that reservePermission answers -1 at once.
            .timeoutDuration(Duration.ofNanos(2 * periodNanos))
            .build();
        return RateLimiter.of(provider, config);
    }

    /** The refresh period of {@code limiter}: how long to wait after it answered −1. */
    static long refreshNanos(RateLimiter limiter) {
        return limiter.getRateLimiterConfig().getLimitRefreshPeriod().toNanos();
    }

    /**
     * A count-based breaker over connection attempts, submit timeouts and (one per window of) submit responses. It is
     * never asked for permission per submit: it only marks the provider down for the router and gates reconnects.
     */
    static CircuitBreaker circuitBreaker(String provider, CircuitBreakerConfig config) {
        io.github.resilience4j.circuitbreaker.CircuitBreakerConfig r4j =
            io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.custom()
                .slidingWindowType(io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType
                    .COUNT_BASED)
                .slidingWindowSize(config.slidingWindowSize())
                .minimumNumberOfCalls(config.minimumCalls())
                .failureRateThreshold(config.failureRateThreshold())
                .waitDurationInOpenState(config.openDuration())
                .permittedNumberOfCallsInHalfOpenState(config.halfOpenCalls())
                .build();
        return CircuitBreaker.of(provider, r4j);
    }

    /** Whether the breaker keeps traffic away from the provider now. */
    static boolean isOpen(CircuitBreaker breaker) {
        CircuitBreaker.State state = breaker.getState();
        return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
    }

    /**
     * Lets an open breaker move to half-open once its wait is over. resilience4j moves only when asked for a permit,
     * and nothing asks while a provider's sessions stay up, so the pool's housekeeping asks (and gives the permit
     * back) instead of running resilience4j's own scheduler thread.
     */
    static void probe(CircuitBreaker breaker) {
        if (breaker.getState() == CircuitBreaker.State.OPEN && breaker.tryAcquirePermission()) {
            breaker.releasePermission();
        }
    }
}
