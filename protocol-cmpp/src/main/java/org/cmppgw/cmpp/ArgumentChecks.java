package org.cmppgw.cmpp;

import java.time.Duration;
import java.util.Objects;

/**
 * The argument checks the records' compact constructors share, in the library and in the applications built on it.
 * Every failure reads {@code name: value (expected: ...)}, Netty's argument-error shape, so one wording serves the
 * whole project (docs/design.md §10 rule 16).
 */
public final class ArgumentChecks {
    private ArgumentChecks() {
    }

    /** {@code value} within {@code min..max}, both included. */
    public static int range(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: " + min + ".." + max + ")");
        }
        return value;
    }

    /** {@code value} within {@code min..max}, both included. */
    public static long range(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: " + min + ".." + max + ")");
        }
        return value;
    }

    /** {@code value} at least {@code min}, with no upper bound. */
    public static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: >= " + min + ")");
        }
        return value;
    }

    /** A non-null duration longer than zero. */
    public static Duration positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
        return value;
    }

    /** A non-null duration that is zero or longer. */
    public static Duration nonNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: >= 0)");
        }
        return value;
    }

    /** A string that is neither null nor empty. */
    public static String nonEmpty(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: a non-empty value)");
        }
        return value;
    }
}
