package org.cmppgw.gateway.config;

import java.time.Duration;

/**
 * The {@code stats} section: the hourly rollup behind the console's statistics (docs/operations.md "Statistics"). It
 * runs on the nodes that serve the console.
 *
 * @param interval      how often a rollup round starts after the previous one ended (100ms..1h)
 * @param lag           messages accepted less than this ago wait for the next round, so that rows still being written
 *                      are not passed over (0s..1h)
 * @param retentionDays days the hourly rows are kept (1..3660); independent of {@code history.retentionDays}: the
 *                      rollup outlives the messages it counted
 */
public record StatsConfig(Duration interval, Duration lag, int retentionDays) {
    public StatsConfig {
        ConfigChecks.positive("interval", interval);
        if (interval.compareTo(Duration.ofMillis(100)) < 0 || interval.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("interval: " + Durations.format(interval) + " (expected: 100ms..1h)");
        }
        ConfigChecks.notNegative("lag", lag);
        if (lag.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("lag: " + Durations.format(lag) + " (expected: 0s..1h)");
        }
        ConfigChecks.range("retentionDays", retentionDays, 1, 3660);
    }

    /** The retention as a duration. */
    public Duration retention() {
        return Duration.ofDays(retentionDays);
    }

    /** The built-in defaults (config/gateway.yaml). */
    public static StatsConfig defaults() {
        return new StatsConfig(Duration.ofMinutes(1), Duration.ofMinutes(2), 400);
    }
}
