package org.cmppgw.simulator.ismg;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Formats report times as YYMMDDHHMM in the carrier's zone (docs/cmpp-protocol.md §7.4: Submit_time, Done_time, no
 * seconds). The text changes once a minute, so the last result is cached: formatting a report costs a division and a
 * volatile read. Thread-safe.
 */
public final class ReportTimes {
    private static final long MILLIS_PER_MINUTE = 60_000;

    private final ZoneId zone;
    private volatile Cached cached = new Cached(Long.MIN_VALUE, "");

    public ReportTimes(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** YYMMDDHHMM of {@code epochMillis}. */
    public String format(long epochMillis) {
        long minute = Math.floorDiv(epochMillis, MILLIS_PER_MINUTE);
        Cached c = cached;
        if (c.minute == minute) {
            return c.text;
        }
        LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), zone);
        char[] digits = new char[10];
        put(digits, 0, t.getYear() % 100);
        put(digits, 2, t.getMonthValue());
        put(digits, 4, t.getDayOfMonth());
        put(digits, 6, t.getHour());
        put(digits, 8, t.getMinute());
        String text = new String(digits);
        // Racing threads may store different minutes; each entry is correct on its own.
        cached = new Cached(minute, text);
        return text;
    }

    private static void put(char[] digits, int at, int value) {
        digits[at] = (char) ('0' + value / 10);
        digits[at + 1] = (char) ('0' + value % 10);
    }

    private record Cached(long minute, String text) {
    }
}
