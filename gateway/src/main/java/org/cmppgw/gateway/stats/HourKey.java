package org.cmppgw.gateway.stats;

import java.util.Objects;

/**
 * The key of a rollup row (V22's stats_hour).
 *
 * @param hourStart  the UTC hour the messages were accepted in, epoch milliseconds
 * @param appKey     the app that sent them
 * @param templateId their template
 * @param provider   the provider of their latest submit, empty while never submitted
 */
public record HourKey(long hourStart, String appKey, long templateId, String provider) {
    public static final long HOUR_MILLIS = 3_600_000L;

    public HourKey {
        if (hourStart % HOUR_MILLIS != 0) {
            throw new IllegalArgumentException("hourStart: " + hourStart + " (expected: a whole hour)");
        }
        Objects.requireNonNull(appKey, "appKey");
        Objects.requireNonNull(provider, "provider");
    }

    /** The start of the hour holding {@code epochMillis}. */
    public static long hourOf(long epochMillis) {
        return Math.floorDiv(epochMillis, HOUR_MILLIS) * HOUR_MILLIS;
    }
}
