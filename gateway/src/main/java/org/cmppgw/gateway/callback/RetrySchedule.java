package org.cmppgw.gateway.callback;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When a failed callback is tried again (JSMS: after 3 min, 1 h, 12 h), by the number of attempts made so far; after
 * the last delay's attempt fails the callback is given up. With {@code n} delays a callback gets {@code n + 1}
 * attempts. An attempt is a claim the store counted ({@link org.cmppgw.gateway.model.CallbackTask#attempts()}).
 */
public final class RetrySchedule {
    private final Duration[] delays;

    /** @param delays the wait before each retry, in order; may be empty (one attempt only) */
    public RetrySchedule(List<Duration> delays) {
        this.delays = delays.toArray(Duration[]::new);
        for (int i = 0; i < this.delays.length; i++) {
            if (this.delays[i].isNegative() || this.delays[i].isZero()) {
                throw new IllegalArgumentException("delays[" + i + "]: " + this.delays[i] + " (expected: > 0)");
            }
        }
    }

    /** True when attempt number {@code attempts} (1-based) was the last one allowed. */
    public boolean exhausted(int attempts) {
        return attempts > delays.length;
    }

    /**
     * When to try again after attempt number {@code attempts} failed at {@code failedAt}.
     *
     * @throws IllegalStateException if the schedule is {@link #exhausted} after that attempt
     */
    public Instant nextAttempt(int attempts, Instant failedAt) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts: " + attempts + " (expected: >= 1)");
        }
        if (exhausted(attempts)) {
            throw new IllegalStateException("retry schedule - exhausted (attempts=" + attempts + ", retries="
                + delays.length + ")");
        }
        return failedAt.plus(delays[attempts - 1]);
    }

    /** Retries after the first attempt. */
    public int retries() {
        return delays.length;
    }
}
