package org.cmppgw.gateway.model;

import java.util.Objects;

/** Range checks shared by the model records' compact constructors; messages follow Netty's argument-error shape. */
final class FieldChecks {
    private FieldChecks() {
    }

    /** A non-null string of {@code min..max} characters. */
    static String text(String name, String value, int min, int max) {
        Objects.requireNonNull(value, name);
        if (value.length() < min || value.length() > max) {
            throw new IllegalArgumentException(
                name + ": \"" + value + "\" (expected: " + min + ".." + max + " characters)");
        }
        return value;
    }

    /** {@code null}, or a string of {@code 1..max} characters. */
    static String optionalText(String name, String value, int max) {
        return value == null ? null : text(name, value, 1, max);
    }

    /** A string of {@code min..max} ASCII digits. */
    static String digits(String name, String value, int min, int max) {
        text(name, value, min, max);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException(name + ": \"" + value + "\" (expected: digits only)");
            }
        }
        return value;
    }

    static int range(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: " + min + ".." + max + ")");
        }
        return value;
    }

    static long positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
        return value;
    }
}
