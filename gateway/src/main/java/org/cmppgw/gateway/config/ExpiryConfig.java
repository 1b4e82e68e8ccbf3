package org.cmppgw.gateway.config;

import java.time.Duration;

/**
 * The {@code expiry} section: nothing stays pending forever (docs/operations.md "History and expiry").
 *
 * @param noReport     a message whose parts were all submitted but that has no final report this long after its last
 *                     submit ends FAILED with stat {@code GW:NOREPORT} and its callback
 * @param parkedReport a status report parked this long (it arrived before any submit it could match) is deleted,
 *                     counted and warned about
 * @param interval     how often the expiry rules run
 */
public record ExpiryConfig(Duration noReport, Duration parkedReport, Duration interval) {
    /** A smaller value would expire messages whose reports are merely queued behind a burst. */
    static final Duration MIN_NO_REPORT = Duration.ofMinutes(1);

    public ExpiryConfig {
        ConfigChecks.positive("noReport", noReport);
        if (noReport.compareTo(MIN_NO_REPORT) < 0) {
            throw new IllegalArgumentException("noReport: " + Durations.format(noReport) + " (expected: >= "
                + Durations.format(MIN_NO_REPORT) + ")");
        }
        ConfigChecks.positive("parkedReport", parkedReport);
        ConfigChecks.positive("interval", interval);
    }

    /** The built-in defaults (config/gateway.yaml). */
    public static ExpiryConfig defaults() {
        return new ExpiryConfig(Duration.ofHours(72), Duration.ofHours(72), Duration.ofMinutes(1));
    }
}
