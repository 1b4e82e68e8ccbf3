package org.cmppgw.gateway.config;

import java.time.Duration;

/**
 * Reconnect back-off after a lost connection or a failed login: exponential from {@code initialDelay} to
 * {@code maxDelay}, with jitter (docs/cmpp-protocol.md §12.5: 1 s doubling to 60 s).
 *
 * @param initialDelay first wait
 * @param maxDelay     longest wait
 */
public record ReconnectConfig(Duration initialDelay, Duration maxDelay) {
    public ReconnectConfig {
        ConfigChecks.positive("initialDelay", initialDelay);
        ConfigChecks.positive("maxDelay", maxDelay);
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("maxDelay: " + Durations.format(maxDelay)
                + " (expected: >= initialDelay " + Durations.format(initialDelay) + ")");
        }
    }
}
