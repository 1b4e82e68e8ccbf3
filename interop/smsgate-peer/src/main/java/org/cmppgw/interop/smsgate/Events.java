package org.cmppgw.interop.smsgate;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The peer's output: one JSON object per line on stdout, {@code {"event":"<name>", ...}}, so that a test can read
 * what SMSGate did without sharing a classpath with it (docs/interop.md, "Events"). Values are strings, numbers or
 * booleans; lines are written whole, by any thread.
 */
final class Events {
    private final PrintStream out;

    Events(PrintStream out) {
        this.out = out;
    }

    /** An event and its fields, in the order given: {@code name, value, name, value, ...}. */
    void emit(String event, Object... fields) {
        if (fields.length % 2 != 0) {
            throw new IllegalArgumentException("fields: " + fields.length + " (expected: name/value pairs)");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("event", event);
        for (int i = 0; i < fields.length; i += 2) {
            map.put((String) fields[i], fields[i + 1]);
        }
        String line = json(map);
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    static String json(Map<String, Object> map) {
        StringBuilder sb = new StringBuilder(128).append('{');
        boolean first = true;
        for (Map.Entry<String, Object> e : map.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            quote(sb, e.getKey());
            sb.append(':');
            Object v = e.getValue();
            if (v == null) {
                sb.append("null");
            } else if (v instanceof Number || v instanceof Boolean) {
                sb.append(v);
            } else {
                quote(sb, v.toString());
            }
        }
        return sb.append('}').toString();
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
