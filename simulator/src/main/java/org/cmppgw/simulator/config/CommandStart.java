package org.cmppgw.simulator.config;

import org.cmppgw.simulator.config.CliOptions.Spec;

import java.util.List;
import java.util.function.Function;

/**
 * The start every option-driven simulator command shares: parse the arguments against the command's {@link Spec}s,
 * answer {@code --help} with the help text on stdout (exit 0), and turn a bad option or configuration into the
 * two-line usage error on stderr (exit {@value #EXIT_USAGE}). Each command keeps only its own part: its options, how
 * they make its config, and what it runs with that config.
 *
 * @param config   what the command runs with; {@code null} when it is to exit at once
 * @param exitCode the code to exit with at once (0 after {@code --help}, {@value #EXIT_USAGE} for a usage error)
 * @param <C>      the command's config
 */
public record CommandStart<C>(C config, int exitCode) {
    /** Exit code of a bad command line or configuration. */
    public static final int EXIT_USAGE = 2;

    /**
     * Parses {@code args} of command {@code name} and builds its config with {@code configOf}; an
     * {@link IllegalArgumentException} or {@link ConfigException} from either is a usage error.
     */
    public static <C> CommandStart<C> parse(String name, String usage, List<Spec> specs, String[] args,
        Function<CliOptions, C> configOf) {
        try {
            CliOptions options = CliOptions.parse(args, specs);
            if (options.flag("help")) {
                System.out.print(CliOptions.help(usage, specs));
                return new CommandStart<>(null, 0);
            }
            return new CommandStart<>(configOf.apply(options), 0);
        } catch (IllegalArgumentException | ConfigException e) {
            System.err.println(name + ": " + e.getMessage());
            System.err.println("Run 'java -jar simulator.jar " + name + " --help' for the options.");
            return new CommandStart<>(null, EXIT_USAGE);
        }
    }

    /** Whether the command is to return {@link #exitCode()} now instead of running. */
    public boolean exited() {
        return config == null;
    }
}
