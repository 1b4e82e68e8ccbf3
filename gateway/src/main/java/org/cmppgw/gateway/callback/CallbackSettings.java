package org.cmppgw.gateway.callback;

import org.cmppgw.gateway.config.CallbackConfig;
import org.cmppgw.gateway.config.GatewayConfig;

import java.time.Duration;
import java.util.Objects;

/**
 * How the {@link CallbackDispatcher} runs: the {@code callbacks} section of the configuration plus the in-memory
 * bounds. Every task the dispatcher holds was claimed from the store under a lease, or handed over at its creation
 * and treated alike; the bounds make sure it is finished (sent, rescheduled or deferred) well before that lease runs
 * out, so no claimer sends it twice.
 *
 * @param callbacks   retry schedule, timeouts, per-endpoint concurrency and circuit breaker
 * @param maxHeld     claimed tasks held in memory at once, queued or in flight ({@code limits.callbackQueueCapacity})
 * @param maxInFlight HTTP requests in flight over all endpoints
 * @param claimBatch  most tasks claimed per store round trip
 * @param idlePoll    how often the outbox is polled when nobody calls {@link CallbackDispatcher#wake()}
 * @param queueWait   the longest a claimed task waits in memory for a connection before it is deferred instead
 * @param closeGrace  how long {@link CallbackDispatcher#close()} waits for requests in flight
 */
public record CallbackSettings(CallbackConfig callbacks, int maxHeld, int maxInFlight, int claimBatch,
                               Duration idlePoll, Duration queueWait, Duration closeGrace) {
    public static final int DEFAULT_MAX_IN_FLIGHT = 256;
    /** The store's best group-commit size (docs/design.md §3). */
    public static final int DEFAULT_CLAIM_BATCH = 500;
    public static final Duration DEFAULT_IDLE_POLL = Duration.ofMillis(100);
    public static final Duration DEFAULT_QUEUE_WAIT = Duration.ofSeconds(20);
    public static final Duration DEFAULT_CLOSE_GRACE = Duration.ofSeconds(5);

    public CallbackSettings {
        Objects.requireNonNull(callbacks, "callbacks");
        positive("maxHeld", maxHeld);
        positive("maxInFlight", maxInFlight);
        positive("claimBatch", claimBatch);
        positive("idlePoll", idlePoll);
        positive("queueWait", queueWait);
        Objects.requireNonNull(closeGrace, "closeGrace");
        if (closeGrace.isNegative()) {
            throw new IllegalArgumentException("closeGrace: " + closeGrace + " (expected: >= 0)");
        }
    }

    /** The configured {@code callbacks} and {@code limits.callbackQueueCapacity}, defaults for the rest. */
    public static CallbackSettings of(GatewayConfig config) {
        return of(config.callbacks(), config.limits().callbackQueueCapacity());
    }

    /** {@code callbacks} and {@code maxHeld}, defaults for the rest. */
    public static CallbackSettings of(CallbackConfig callbacks, int maxHeld) {
        return new CallbackSettings(callbacks, maxHeld, DEFAULT_MAX_IN_FLIGHT, DEFAULT_CLAIM_BATCH, DEFAULT_IDLE_POLL,
            DEFAULT_QUEUE_WAIT, DEFAULT_CLOSE_GRACE);
    }

    /**
     * The claim lease: twice the longest a task can stay with the dispatcher (its wait for a connection plus its
     * request), so a task is always finished, or deferred, long before another claimer may take it.
     */
    public Duration lease() {
        return queueWait.plus(callbacks.requestTimeout()).multipliedBy(2);
    }

    /** The retry schedule as a {@link RetrySchedule}. */
    public RetrySchedule retrySchedule() {
        return new RetrySchedule(callbacks.retrySchedule());
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: >= 1)");
        }
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
    }
}
