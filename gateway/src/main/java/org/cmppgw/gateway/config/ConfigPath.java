package org.cmppgw.gateway.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A path into the configuration tree as operators write it: {@code providers[0].circuitBreaker.openDuration}.
 * Keys are separated by {@code .}; list elements are addressed with {@code [index]}.
 *
 * @param segments keys and indexes from the root
 */
record ConfigPath(List<Segment> segments) {
    static final ConfigPath ROOT = new ConfigPath(List.of());

    ConfigPath {
        segments = List.copyOf(segments);
    }

    /** One step of a path. */
    sealed interface Segment permits Key, Index {
    }

    /** A mapping key. */
    record Key(String name) implements Segment {
    }

    /** A list index. */
    record Index(int index) implements Segment {
    }

    /**
     * Parses {@code a.b[0].c}.
     *
     * @throws ConfigException when the text is not a path
     */
    static ConfigPath parse(String text) {
        List<Segment> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            if (text.charAt(i) == '[') {
                int close = text.indexOf(']', i);
                if (close < 0 || close == i + 1 || !text.substring(i + 1, close).chars().allMatch(Character::isDigit)
                    || close - i > 7) {
                    throw invalid(text);
                }
                out.add(new Index(Integer.parseInt(text, i + 1, close, 10)));
                i = close + 1;
                if (i < n && text.charAt(i) == '.') {
                    i++;
                    if (i == n) {
                        throw invalid(text);
                    }
                }
                continue;
            }
            int end = i;
            while (end < n && text.charAt(end) != '.' && text.charAt(end) != '[') {
                end++;
            }
            if (end == i || text.substring(i, end).contains("]")) {
                throw invalid(text);
            }
            out.add(new Key(text.substring(i, end)));
            i = end;
            if (i < n && text.charAt(i) == '.') {
                i++;
                if (i == n) {
                    throw invalid(text);
                }
            }
        }
        if (out.isEmpty() || !(out.get(0) instanceof Key)) {
            throw invalid(text);
        }
        return new ConfigPath(out);
    }

    private static ConfigException invalid(String text) {
        return new ConfigException("path: \"" + text
            + "\" (expected: keys separated by '.', list indexes in [], e.g. providers[0].window)");
    }

    ConfigPath child(String key) {
        return append(new Key(key));
    }

    ConfigPath child(int index) {
        return append(new Index(index));
    }

    ConfigPath prefix(int length) {
        return new ConfigPath(segments.subList(0, length));
    }

    private ConfigPath append(Segment s) {
        List<Segment> copy = new ArrayList<>(segments.size() + 1);
        copy.addAll(segments);
        copy.add(s);
        return new ConfigPath(copy);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Segment s : segments) {
            if (s instanceof Key k) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(k.name());
            } else if (s instanceof Index idx) {
                sb.append('[').append(idx.index()).append(']');
            }
        }
        return sb.toString();
    }
}
