package org.cmppgw.gateway.config;

import org.cmppgw.cmpp.ArgumentChecks;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Checks shared by the config records' compact constructors. Messages name the record component relative to its
 * record ({@code window: 0 (expected: 1..64)}); {@link ConfigLoader} prefixes the path of the record in the file.
 */
final class ConfigChecks {
    private ConfigChecks() {
    }

    static int range(String name, int value, int min, int max) {
        return ArgumentChecks.range(name, value, min, max);
    }

    static int atLeast(String name, int value, int min) {
        return ArgumentChecks.atLeast(name, value, min);
    }

    static <T> T present(String name, T value, String expected) {
        if (value == null) {
            throw new IllegalArgumentException(name + ": missing (expected: " + expected + ")");
        }
        return value;
    }

    /** Non-blank text. */
    static String text(String name, String value) {
        present(name, value, "non-empty text");
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + ": \"" + value + "\" (expected: non-empty text)");
        }
        return value;
    }

    /** Text that may be empty but not absent; an absent value reads as empty. */
    static String optionalText(String value) {
        return value == null ? "" : value;
    }

    static String maxLength(String name, String value, int max) {
        if (value.length() > max) {
            throw new IllegalArgumentException(
                name + ": \"" + value + "\" (expected: at most " + max + " characters)");
        }
        return value;
    }

    static Duration positive(String name, Duration value) {
        present(name, value, Durations.EXPECTED);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + ": " + Durations.format(value) + " (expected: > 0s)");
        }
        return value;
    }

    static Duration notNegative(String name, Duration value) {
        present(name, value, Durations.EXPECTED);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + ": " + Durations.format(value) + " (expected: >= 0s)");
        }
        return value;
    }

    /** An immutable copy; an absent list reads as empty; a null element is reported with its index. */
    static <T> List<T> list(String name, List<T> value) {
        if (value == null) {
            return List.of();
        }
        for (int i = 0; i < value.size(); i++) {
            if (value.get(i) == null) {
                throw new IllegalArgumentException(name + "[" + i + "]: missing (expected: a value)");
            }
        }
        return List.copyOf(value);
    }

    static void port(String name, int value) {
        range(name, value, 0, 65_535);
    }

    static <T> T nonNull(String name, T value) {
        return Objects.requireNonNull(value, name);
    }
}
