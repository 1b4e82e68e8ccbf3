package org.cmppgw.benchmarks.loopback;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} command-line options with defaults; unknown names are rejected. */
final class Args {
    private final Map<String, String> values = new HashMap<>();

    Args(String[] args, Map<String, String> defaults) {
        values.putAll(defaults);
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : args[i];
            if (!defaults.containsKey(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException("option: " + args[i] + " (expected: one of " + defaults.keySet()
                    + ", each followed by a value)");
            }
            values.put(name, args[i + 1]);
        }
    }

    String string(String name) {
        return values.get(name);
    }

    int integer(String name) {
        return Integer.parseInt(values.get(name));
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
