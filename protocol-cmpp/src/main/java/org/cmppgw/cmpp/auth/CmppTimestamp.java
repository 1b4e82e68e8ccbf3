package org.cmppgw.cmpp.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * The CONNECT Timestamp: MMDDHHMMSS as an unsigned integer (docs/cmpp-protocol.md §5.2), in Beijing time by default
 * because the spec names no zone and carriers run on it. Time is always read from an injected {@link Clock}.
 */
public final class CmppTimestamp {
    /** The zone carriers use (UTC+8). */
    public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final int DIGITS = 10;

    private CmppTimestamp() {
    }

    /** The timestamp for {@code clock}'s current instant in {@code zone}. */
    public static long now(Clock clock, ZoneId zone) {
        return of(ZonedDateTime.now(clock.withZone(zone)).toLocalDateTime());
    }

    /** The timestamp for {@code clock}'s current instant in Beijing time. */
    public static long now(Clock clock) {
        return now(clock, BEIJING);
    }

    public static long of(LocalDateTime t) {
        return t.getMonthValue() * 100_000_000L + t.getDayOfMonth() * 1_000_000L + t.getHour() * 10_000L
            + t.getMinute() * 100L + t.getSecond();
    }

    /** The 10-character zero-padded form hashed into AuthenticatorSource ("0105093000" for 5 Jan 09:30:00). */
    public static String digits(long timestamp) {
        String s = Long.toString(timestamp);
        if (s.length() > DIGITS || timestamp < 0) {
            throw new IllegalArgumentException("timestamp: " + timestamp + " (expected: MMDDHHMMSS)");
        }
        return "0000000000".substring(s.length()) + s;
    }

    /**
     * How far {@code timestamp} is from {@code clock}'s time in {@code zone}; 366 days when it is not a valid
     * MMDDHHMMSS.
     */
    public static Duration skew(long timestamp, Clock clock, ZoneId zone) {
        return offset(timestamp, clock, zone).map(Duration::abs).orElse(Duration.ofDays(366));
    }

    /**
     * {@code timestamp} read as a time in {@code zone} minus {@code clock}'s time there: negative when the sender's
     * clock is behind; empty when it is not a valid MMDDHHMMSS. The year is not on the wire, so the candidate in the
     * current, previous or next year closest to now is used (a login at New Year's midnight).
     */
    public static Optional<Duration> offset(long timestamp, Clock clock, ZoneId zone) {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
        int month = (int) (timestamp / 100_000_000L);
        int day = (int) (timestamp / 1_000_000L % 100);
        int hour = (int) (timestamp / 10_000L % 100);
        int minute = (int) (timestamp / 100L % 100);
        int second = (int) (timestamp % 100);
        Duration best = null;
        for (int yearOffset = -1; yearOffset <= 1; yearOffset++) {
            try {
                ZonedDateTime candidate = ZonedDateTime.of(now.getYear() + yearOffset, month, day, hour, minute,
                    second, 0, zone);
                Duration d = Duration.between(now, candidate);
                if (best == null || d.abs().compareTo(best.abs()) < 0) {
                    best = d;
                }
            } catch (java.time.DateTimeException invalid) {
                // not a date in that year (e.g. 0230, or 0229 outside a leap year): try the others
            }
        }
        return Optional.ofNullable(best);
    }
}
