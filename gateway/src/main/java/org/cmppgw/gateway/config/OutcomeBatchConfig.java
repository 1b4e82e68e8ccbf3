package org.cmppgw.gateway.config;

import java.time.Duration;

/**
 * How a provider hands its SUBMIT_RESP outcomes to the store: gathered for {@code flushDelay}, then written as one
 * list of at most {@code batchMax} (docs/design.md §3). A longer delay means fewer, larger store calls and a later
 * status.
 *
 * @param flushDelay how long outcomes gather before they go to the store
 * @param batchMax   most outcomes in one list
 */
public record OutcomeBatchConfig(Duration flushDelay, int batchMax) {
    public OutcomeBatchConfig {
        ConfigChecks.positive("flushDelay", flushDelay);
        ConfigChecks.range("batchMax", batchMax, 1, 100_000);
    }

    /** Every 2 ms, up to 1000 at a time: the built-in defaults. */
    public static OutcomeBatchConfig defaults() {
        return new OutcomeBatchConfig(Duration.ofMillis(2), 1000);
    }
}
