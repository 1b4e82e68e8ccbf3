package org.cmppgw.gateway.config;

import java.time.Duration;

/**
 * The {@code history} section: how long finished messages, MO messages and abandoned callbacks are kept, and how
 * gently they are removed (docs/operations.md "History and expiry").
 *
 * @param retentionDays days a final message is kept after its final status (1..60, JSMS keeps push history 7 days by
 *                      default and up to 60), an MO message after its arrival
 * @param batchSize     messages per delete transaction (100..10,000)
 * @param pause         the shortest rest between two delete transactions (a rest also lasts at least as long as the
 *                      transaction before it), so the API and sending path keep the database
 * @param interval      how often a purge round starts (after the previous one ended)
 */
public record HistoryConfig(int retentionDays, int batchSize, Duration pause, Duration interval) {
    public static final int MAX_RETENTION_DAYS = 60;

    public HistoryConfig {
        ConfigChecks.range("retentionDays", retentionDays, 1, MAX_RETENTION_DAYS);
        ConfigChecks.range("batchSize", batchSize, 100, 10_000);
        ConfigChecks.notNegative("pause", pause);
        ConfigChecks.positive("interval", interval);
    }

    /** The retention as a duration. */
    public Duration retention() {
        return Duration.ofDays(retentionDays);
    }

    /** The built-in defaults (config/gateway.yaml). */
    public static HistoryConfig defaults() {
        return new HistoryConfig(7, 2_000, Duration.ofMillis(50), Duration.ofMinutes(10));
    }
}
