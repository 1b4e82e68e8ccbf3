package org.cmppgw.gateway.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * Durations as operators write them: {@code 500ms}, {@code 60s}, {@code 3m}, {@code 1h}, {@code 2d}, or a sum such as
 * {@code 1h30m}. ISO-8601 ({@code PT60S}) is accepted too. A bare number is refused: its unit would be a guess.
 */
public final class Durations {
    /** What a duration looks like, for error messages. */
    public static final String EXPECTED = "a duration like 500ms, 60s, 3m, 1h";

    private Durations() {
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException {@code "text" (expected: a duration like …)}
     */
    public static Duration parse(String text) {
        String s = text.trim();
        if (s.startsWith("PT") || s.startsWith("P")) {
            try {
                return Duration.parse(s);
            } catch (DateTimeParseException e) {
                throw invalid(text);
            }
        }
        Duration total = Duration.ZERO;
        int i = 0;
        if (s.isEmpty()) {
            throw invalid(text);
        }
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            int unitStart = i;
            while (i < s.length() && Character.isLetter(s.charAt(i))) {
                i++;
            }
            if (start == unitStart || unitStart == i || unitStart - start > 12) {
                throw invalid(text);
            }
            total = total.plus(amount(Long.parseLong(s, start, unitStart, 10), s.substring(unitStart, i), text));
        }
        return total;
    }

    private static Duration amount(long n, String unit, String text) {
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> throw invalid(text);
        };
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("\"" + text + "\" (expected: " + EXPECTED + ")");
    }

    /** The shortest exact form in the units {@link #parse} reads: {@code 60s} prints as {@code 1m}. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        long ms = d.toMillis();
        if (d.getNano() % 1_000_000 != 0 || ms < 0) {
            return d.toString();
        }
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};
        String[] units = {"d", "h", "m", "s", "ms"};
        for (int i = 0; i < sizes.length; i++) {
            if (ms % sizes[i] == 0) {
                return ms / sizes[i] + units[i];
            }
        }
        return ms + "ms";
    }
}
