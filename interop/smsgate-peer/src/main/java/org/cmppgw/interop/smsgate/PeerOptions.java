package org.cmppgw.interop.smsgate;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The peer's command line: a mode ({@code server} or {@code client}) and {@code --name value} pairs
 * (docs/interop.md, "Running the peer"). Every option has a default except where a mode needs one; an unknown
 * option or a bad value stops the peer with a message naming it.
 *
 * @param mode    {@code server} (SMSGate as ISMG) or {@code client} (SMSGate as SP)
 * @param options the {@code --name value} pairs as given
 */
record PeerOptions(String mode, Map<String, String> options) {
    private static final Set<String> KNOWN = Set.of("host", "port", "account", "secret", "version", "multi-link",
        "connections", "stat", "src-id", "service-id", "mobile-start", "send", "window");

    PeerOptions {
        if (!"server".equals(mode) && !"client".equals(mode)) {
            throw new IllegalArgumentException("mode: " + mode + " (expected: server or client)");
        }
        for (String name : options.keySet()) {
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("--" + name + ": unknown option (expected one of " + KNOWN + ")");
            }
        }
        options = Map.copyOf(options);
    }

    static PeerOptions parse(String... args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: server|client [--name value]...");
        }
        Map<String, String> map = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("argument " + i + ": " + args[i] + " (expected: --name value)");
            }
            map.put(args[i].substring(2), args[i + 1]);
        }
        return new PeerOptions(args[0], map);
    }

    String text(String name, String defaultValue) {
        return options.getOrDefault(name, defaultValue);
    }

    int number(String name, int defaultValue, int min, int max) {
        String value = options.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new IllegalArgumentException("--" + name + ": " + value + " (expected: " + min + ".." + max
                    + ")");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": " + value + " (expected: a number)", e);
        }
    }

    long longNumber(String name, long defaultValue) {
        String value = options.get(name);
        try {
            return value == null ? defaultValue : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": " + value + " (expected: a number)", e);
        }
    }

    boolean flag(String name) {
        String value = options.getOrDefault(name, "false");
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("--" + name + ": " + value + " (expected: true or false)");
        };
    }

    /** CMPP version byte of {@code --version}: 0x30 for "3.0" (the default), 0x20 for "2.0". */
    short version() {
        String value = options.getOrDefault("version", "3.0");
        return switch (value) {
            case "3.0" -> (short) 0x30;
            case "2.0" -> (short) 0x20;
            default -> throw new IllegalArgumentException("--version: " + value + " (expected: 2.0 or 3.0)");
        };
    }
}
