package org.cmppgw.gateway.config;

import java.util.Locale;

/**
 * Byte counts as operators write them: {@code 65536}, {@code 64KB}, {@code 1MB} (binary multiples, 1 KB = 1024 B).
 */
public final class ByteSizes {
    /** What a size looks like, for error messages. */
    public static final String EXPECTED = "a size like 65536, 64KB or 1MB";

    private ByteSizes() {
    }

    /**
     * Parses {@code text} into bytes.
     *
     * @throws IllegalArgumentException {@code "text" (expected: a size like …)}
     */
    public static int parse(String text) {
        String s = text.trim().toUpperCase(Locale.ROOT);
        int digits = 0;
        while (digits < s.length() && Character.isDigit(s.charAt(digits))) {
            digits++;
        }
        if (digits == 0 || digits > 10) {
            throw invalid(text);
        }
        long n = Long.parseLong(s, 0, digits, 10);
        long factor = switch (s.substring(digits).trim()) {
            case "", "B" -> 1;
            case "K", "KB", "KIB" -> 1024;
            case "M", "MB", "MIB" -> 1024 * 1024;
            default -> throw invalid(text);
        };
        long bytes = n * factor;
        if (bytes > Integer.MAX_VALUE) {
            throw invalid(text);
        }
        return (int) bytes;
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("\"" + text + "\" (expected: " + EXPECTED + ")");
    }
}
