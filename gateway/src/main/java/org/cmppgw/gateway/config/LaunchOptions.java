package org.cmppgw.gateway.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateway's command line: {@code [--config <file>] [--set <path>=<value>]... [--help]}. Both options also accept
 * the {@code --option=value} form.
 *
 * @param config    the YAML file; {@code config/gateway.yaml} when not given
 * @param overrides {@code path=value} overrides in the order given
 * @param help      {@code --help} was given: print {@link #USAGE} and exit
 */
public record LaunchOptions(Path config, List<String> overrides, boolean help) {
    public static final Path DEFAULT_CONFIG = Path.of("config", "gateway.yaml");
    public static final String USAGE = String.join("\n",
        "usage: java -jar gateway.jar [--config <file>] [--set <path>=<value>]...",
        "  --config <file>         configuration file (default: config/gateway.yaml)",
        "  --set <path>=<value>    override one key, e.g. --set providers[0].window=8 (repeatable)",
        "  environment: ${NAME} / ${NAME:default} in the file; CMPPGW_<PATH> overrides a key,",
        "               e.g. CMPPGW_DATABASE_PASSWORD=... sets database.password");

    public LaunchOptions {
        ConfigChecks.nonNull("config", config);
        overrides = List.copyOf(overrides);
    }

    /**
     * Parses {@code args}.
     *
     * @throws ConfigException for an unknown option or a missing value
     */
    public static LaunchOptions parse(String... args) {
        Path config = DEFAULT_CONFIG;
        List<String> overrides = new ArrayList<>();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ("--help".equals(arg) || "-h".equals(arg)) {
                help = true;
            } else if ("--config".equals(arg) || "--set".equals(arg)) {
                if (i + 1 == args.length) {
                    throw new ConfigException("args: " + arg + " without a value (expected: " + arg
                        + ("--config".equals(arg) ? " <file>)" : " <path>=<value>)"));
                }
                String value = args[++i];
                if ("--config".equals(arg)) {
                    config = Path.of(value);
                } else {
                    overrides.add(value);
                }
            } else if (arg.startsWith("--config=")) {
                config = Path.of(arg.substring("--config=".length()));
            } else if (arg.startsWith("--set=")) {
                overrides.add(arg.substring("--set=".length()));
            } else {
                throw new ConfigException("args: \"" + arg + "\" (expected: --config <file>, --set <path>=<value> "
                    + "or --help)");
            }
        }
        return new LaunchOptions(config, overrides, help);
    }
}
