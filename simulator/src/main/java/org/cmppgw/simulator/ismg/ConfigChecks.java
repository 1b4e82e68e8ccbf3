package org.cmppgw.simulator.ismg;

import java.util.List;
import java.util.Objects;

/**
 * Defaults and range checks for the configuration records. Every failure reads {@code path: value (expected: …)},
 * with the YAML path of the offending key, so an operator can fix the file without reading code.
 */
final class ConfigChecks {
    private ConfigChecks() {
    }

    static IllegalArgumentException invalid(String path, Object value, String expected) {
        return new IllegalArgumentException(path + ": " + value + " (expected: " + expected + ")");
    }

    static <T> T orDefault(T value, T defaultValue) {
        return value == null ? defaultValue : value;
    }

    static int range(String path, Integer value, int defaultValue, int min, int max) {
        int v = value == null ? defaultValue : value;
        if (v < min || v > max) {
            throw invalid(path, v, min + ".." + max);
        }
        return v;
    }

    static long range(String path, Long value, long defaultValue, long min, long max) {
        long v = value == null ? defaultValue : value;
        if (v < min || v > max) {
            throw invalid(path, v, min + ".." + max);
        }
        return v;
    }

    static double share(String path, Double value, double defaultValue) {
        double v = value == null ? defaultValue : value;
        if (!(v >= 0.0 && v <= 1.0)) {
            throw invalid(path, v, "0.0..1.0");
        }
        return v;
    }

    static String digits(String path, String value, int minLength, int maxLength) {
        Objects.requireNonNull(value, path);
        if (value.length() < minLength || value.length() > maxLength || !value.chars().allMatch(Character::isDigit)) {
            throw invalid(path, "\"" + value + "\"", minLength + ".." + maxLength + " digits");
        }
        return value;
    }

    static List<String> nonEmptyList(String path, List<String> value, List<String> defaultValue) {
        List<String> list = value == null ? defaultValue : List.copyOf(value);
        if (list.isEmpty()) {
            throw invalid(path, "[]", "at least one entry");
        }
        return list;
    }
}
