package org.cmppgw.simulator.ismg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.cmppgw.simulator.config.CommandStart;
import org.cmppgw.simulator.config.ShutdownSignal;
import org.cmppgw.simulator.metrics.MetricsServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * {@code simulator ismg}: runs the fake carrier until SIGTERM (docs/design.md §6). Reads the {@code ismg:} section of
 * the simulator's YAML file, lets {@code --port}, {@code --metrics-port} and the {@code --timestamp-*} options
 * ({@code ismg.login}) override it, logs one line with where it listens and which accounts it knows, and closes
 * everything from a shutdown hook.
 */
public final class IsmgCommand {
    public static final String USAGE =
        "usage: simulator ismg [--config config/simulator.yaml] [--port N] [--metrics-port N] [--timestamp-zone ZONE]"
            + " [--timestamp-tolerance-millis N] [--timestamp-check enforce|warn|off]";
    static final Path DEFAULT_CONFIG = Path.of("config", "simulator.yaml");
    /** Exit code of a bad command line or configuration. */
    static final int EXIT_USAGE = CommandStart.EXIT_USAGE;
    /** Exit code when the ISMG cannot start (port taken). */
    static final int EXIT_FAILURE = 1;
    private static final String HELP = USAGE + "\n"
        + "  --config FILE       YAML file whose ismg: section configures the ISMG (default config/simulator.yaml;\n"
        + "                      built-in defaults when that file does not exist)\n"
        + "  --port N            CMPP listen port, overrides ismg.port (default 7890; 0 = any free port)\n"
        + "  --metrics-port N    Prometheus /metrics port, overrides ismg.metricsPort (default 9464; 0 = none)\n"
        + "  --timestamp-zone ZONE\n"
        + "                      zone CONNECT Timestamps are read in, overrides ismg.login.timestampZone\n"
        + "                      (default Asia/Shanghai; UTC for SPs on UTC machines)\n"
        + "  --timestamp-tolerance-millis N\n"
        + "                      how far a CONNECT Timestamp may be from the clock, overrides\n"
        + "                      ismg.login.timestampToleranceMillis (default 900000)\n"
        + "  --timestamp-check enforce|warn|off\n"
        + "                      outside the tolerance: Status 3, a log line, or no check; overrides\n"
        + "                      ismg.login.timestampCheck (default enforce)\n"
        + "  --help              this text\n";
    private static final Logger LOG = LoggerFactory.getLogger(IsmgCommand.class);

    private IsmgCommand() {
    }

    /**
     * Runs until the JVM is told to stop. Returns the exit code: 0, {@value #EXIT_USAGE} for bad input,
     * {@value #EXIT_FAILURE} when the ISMG cannot start.
     */
    public static int run(String[] args) {
        Options options;
        IsmgConfig config;
        try {
            options = Options.parse(args);
            if (options.help()) {
                System.out.print(HELP);
                return 0;
            }
            config = options.apply(load(options));
        } catch (IllegalArgumentException | IOException e) {
            return usageError(System.err, e);
        }
        Running running;
        try {
            running = start(config);
        } catch (RuntimeException e) {
            // Typically the port is taken; Netty's message names it.
            System.err.println("simulator ismg - cannot start: " + e);
            return EXIT_FAILURE;
        }
        ShutdownSignal.await("ismg-shutdown", running::close);
        return 0;
    }

    /** Starts the ISMG (and its metrics endpoint unless the port is 0) and logs the one start-up line. */
    static Running start(IsmgConfig config) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        IsmgServer server = IsmgServer.start(config, Clock.systemUTC(), registry);
        MetricsServer metrics = null;
        try {
            if (config.metricsPort() != 0) {
                metrics = MetricsServer.start(config.host(), config.metricsPort(), registry);
            }
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        String accounts = config.accounts().stream().map(a -> a.sourceAddr() + " (" + a.maxConnections()
                + " connections, " + (a.unlimitedTps() ? "no TPS limit" : a.tps() + " TPS") + ", "
                + a.pinnedVersion().map(v -> "CMPP " + v.label()).orElse("CMPP 2.0/3.0") + ")")
            .collect(Collectors.joining(", "));
        LoginConfig login = config.login();
        LOG.info("ismg - listening on {}:{}, metrics {}, accounts {}, CONNECT Timestamps read in {} within {} ms ({})",
            config.host(), server.port(), metrics == null ? "off" : "on :" + metrics.port() + MetricsServer.PATH,
            accounts, login.timestampZone(), login.timestampToleranceMillis(), login.timestampCheck());
        return new Running(server, metrics);
    }

    /**
     * The {@code ismg:} section of {@code options}' file; the defaults when the default file is absent. The one place
     * that reads configuration, so it can move to a shared section reader without touching the rest.
     */
    static IsmgConfig load(Options options) throws IOException {
        if (!Files.exists(options.config())) {
            if (options.configGiven()) {
                throw new IllegalArgumentException("--config: " + options.config() + " (expected: an existing YAML "
                    + "file)");
            }
            LOG.info("ismg - no {}, using the built-in defaults", options.config());
            return IsmgConfig.defaults();
        }
        return readSection(options.config());
    }

    private static IsmgConfig readSection(Path file) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode section = yaml.readTree(file.toFile()).get("ismg");
        if (section == null || section.isNull()) {
            return IsmgConfig.defaults();
        }
        try {
            return yaml.treeToValue(section, IsmgConfig.class);
        } catch (IOException e) {
            // The records' own messages ("ismg.port: 70000 (expected: 0..65535)") beat Jackson's wrapping.
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof IllegalArgumentException invalid) {
                throw new IllegalArgumentException(file + " - " + invalid.getMessage(), e);
            }
            throw e;
        }
    }

    private static int usageError(PrintStream err, Exception e) {
        err.println("simulator ismg - " + e.getMessage());
        err.println(USAGE);
        return EXIT_USAGE;
    }

    /**
     * The command line.
     *
     * @param config      the YAML file
     * @param configGiven whether {@code --config} was on the command line (then the file must exist)
     * @param port        {@code --port}, or null
     * @param metricsPort {@code --metrics-port}, or null
     * @param login       {@code --timestamp-zone}, {@code --timestamp-tolerance-millis} and {@code --timestamp-check}
     *                    as an {@code ismg.login} section whose null keys keep the file's values; null when none given
     * @param help        {@code --help}
     */
    record Options(Path config, boolean configGiven, Integer port, Integer metricsPort, LoginOverrides login,
                   boolean help) {

        /** Reads {@code --name value} pairs. */
        static Options parse(String[] args) {
            Path config = DEFAULT_CONFIG;
            boolean configGiven = false;
            Integer port = null;
            Integer metricsPort = null;
            String zone = null;
            Long tolerance = null;
            String check = null;
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (name.equals("--help") || name.equals("-h")) {
                    return new Options(config, configGiven, port, metricsPort, null, true);
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + ": no value (expected: " + name + " VALUE)");
                }
                String value = args[++i];
                switch (name) {
                    case "--config" -> {
                        config = Path.of(value);
                        configGiven = true;
                    }
                    case "--port" -> port = portNumber(name, value);
                    case "--metrics-port" -> metricsPort = portNumber(name, value);
                    case "--timestamp-zone" -> zone = value;
                    case "--timestamp-tolerance-millis" -> tolerance = millis(name, value);
                    case "--timestamp-check" -> check = value;
                    default -> throw new IllegalArgumentException(name + ": unknown option (expected: --config, "
                        + "--port, --metrics-port, --timestamp-zone, --timestamp-tolerance-millis, --timestamp-check "
                        + "or --help)");
                }
            }
            LoginOverrides login = zone == null && tolerance == null && check == null ? null
                : new LoginOverrides(zone, tolerance, check);
            return new Options(config, configGiven, port, metricsPort, login, false);
        }

        /**
         * {@code config} with the command line's overrides; a bad {@code --timestamp-*} value fails here with the
         * message of the key it overrides ({@code ismg.login.timestampZone: "Mars/Base" (expected: …)}).
         */
        IsmgConfig apply(IsmgConfig config) {
            IsmgConfig result = port == null ? config : config.withPort(port);
            result = metricsPort == null ? result : result.withMetricsPort(metricsPort);
            if (login == null) {
                return result;
            }
            LoginConfig base = result.login();
            return result.withLogin(new LoginConfig(Objects.requireNonNullElse(login.timestampZone(),
                base.timestampZone()), Objects.requireNonNullElse(login.timestampToleranceMillis(),
                base.timestampToleranceMillis()), Objects.requireNonNullElse(login.timestampCheck(),
                base.timestampCheck())));
        }

        private static long millis(String name, String value) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ": " + value + " (expected: milliseconds, an integer)", e);
            }
        }

        private static int portNumber(String name, String value) {
            try {
                int port = Integer.parseInt(value);
                if (port >= 0 && port <= 0xFFFF) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // reported below, with the expected range
            }
            throw new IllegalArgumentException(name + ": " + value + " (expected: 0..65535)");
        }
    }

    /** The {@code --timestamp-*} options, each null when not given. */
    record LoginOverrides(String timestampZone, Long timestampToleranceMillis, String timestampCheck) {
    }

    /** A started ISMG and its metrics endpoint (null when off). */
    record Running(IsmgServer server, MetricsServer metrics) implements AutoCloseable {
        @Override
        public void close() {
            if (metrics != null) {
                metrics.close();
            }
            server.close();
            LOG.info("ismg - stopped");
        }
    }
}
