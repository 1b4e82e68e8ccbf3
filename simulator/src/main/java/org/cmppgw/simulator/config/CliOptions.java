package org.cmppgw.simulator.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tiny parser for {@code --name value}, {@code --name=value} and {@code --flag} command lines, shared by every
 * simulator command. Each command declares its options as {@link Spec}s; anything else is an error, so a typo never
 * silently falls back to a default. Options may repeat ({@link #values(String)}); single-valued readers take the
 * last occurrence, so a later option overrides an earlier one.
 */
public final class CliOptions {
    private static final String PREFIX = "--";

    private final Map<String, List<String>> values;

    private CliOptions(Map<String, List<String>> values) {
        this.values = values;
    }

    /**
     * One accepted option.
     *
     * @param name        the name without the leading {@code --}
     * @param arg         the value placeholder shown in help ({@code <n>}), or {@code null} for a flag
     * @param description one line for {@code --help}
     */
    public record Spec(String name, String arg, String description) {
        public Spec {
            if (name == null || name.isEmpty() || name.startsWith("-")) {
                throw new IllegalArgumentException("name: " + name + " (expected: a name without leading dashes)");
            }
            if (description == null) {
                throw new IllegalArgumentException("description: null (expected: one line of help)");
            }
        }

        /** An option that takes a value: {@code --name value}. */
        public static Spec value(String name, String arg, String description) {
            return new Spec(name, arg, description);
        }

        /** A flag: {@code --name} means true; {@code --name=false} is accepted too. */
        public static Spec flag(String name, String description) {
            return new Spec(name, null, description);
        }

        public boolean isFlag() {
            return arg == null;
        }
    }

    /**
     * Parses {@code args} against {@code specs}.
     *
     * @throws IllegalArgumentException for an unknown option, a missing value or a stray positional argument
     */
    public static CliOptions parse(String[] args, Collection<Spec> specs) {
        Map<String, Spec> known = new LinkedHashMap<>();
        for (Spec spec : specs) {
            known.put(spec.name(), spec);
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String token = args[i];
            if (!token.startsWith(PREFIX) || token.length() == PREFIX.length()) {
                throw new IllegalArgumentException("args: " + token + " (expected: --name value)");
            }
            int eq = token.indexOf('=');
            String name = eq < 0 ? token.substring(PREFIX.length()) : token.substring(PREFIX.length(), eq);
            Spec spec = known.get(name);
            if (spec == null) {
                throw new IllegalArgumentException("args: --" + name + " - unknown option (expected one of: "
                    + String.join(", ", known.keySet().stream().map(n -> PREFIX + n).toList()) + ")");
            }
            String value;
            if (eq >= 0) {
                value = token.substring(eq + 1);
            } else if (spec.isFlag()) {
                value = "true";
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + ": missing value (expected: " + spec.arg() + ")");
            }
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return new CliOptions(values);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The last value given for {@code name}. */
    public Optional<String> value(String name) {
        List<String> all = values.get(name);
        return all == null ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Every value given for a repeatable option, in order; empty when absent. */
    public List<String> values(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** A flag's state: absent is false; {@code --name}, {@code --name=true} are true. */
    public boolean flag(String name) {
        return value(name).map(v -> parseBoolean(name, v)).orElse(false);
    }

    public int intValue(String name, int fallback) {
        return value(name).map(v -> parseInt(name, v)).orElse(fallback);
    }

    public Path path(String name, Path fallback) {
        return value(name).map(Path::of).orElse(fallback);
    }

    /**
     * The last value of each option in {@code names} that was given, keyed by the camelCase form of the option name
     * ({@code --batch-size} → {@code batchSize}), ready for {@link ConfigSections#merge(Object, Map)}.
     */
    public Map<String, Object> configValues(Collection<String> names) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : names) {
            value(name).ifPresent(v -> out.put(camelCase(name), v));
        }
        return out;
    }

    /** {@code batch-size} → {@code batchSize}. */
    public static String camelCase(String kebab) {
        StringBuilder sb = new StringBuilder(kebab.length());
        boolean upper = false;
        for (int i = 0; i < kebab.length(); i++) {
            char c = kebab.charAt(i);
            if (c == '-') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }

    /** The help text: the usage line, then one line per option. */
    public static String help(String usage, Collection<Spec> specs) {
        StringBuilder sb = new StringBuilder(usage).append(System.lineSeparator()).append(System.lineSeparator());
        sb.append("Options:").append(System.lineSeparator());
        int width = 0;
        for (Spec spec : specs) {
            width = Math.max(width, synopsis(spec).length());
        }
        for (Spec spec : specs) {
            String synopsis = synopsis(spec);
            sb.append("  ").append(synopsis).append(" ".repeat(width - synopsis.length() + 2))
                .append(spec.description()).append(System.lineSeparator());
        }
        return sb.toString();
    }

    private static String synopsis(Spec spec) {
        return spec.isFlag() ? PREFIX + spec.name() : PREFIX + spec.name() + " " + spec.arg();
    }

    private static boolean parseBoolean(String name, String value) {
        if ("true".equalsIgnoreCase(value)) {
            return true;
        }
        if ("false".equalsIgnoreCase(value)) {
            return false;
        }
        throw new IllegalArgumentException("--" + name + ": " + value + " (expected: true or false)");
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": " + value + " (expected: an integer)", e);
        }
    }
}
