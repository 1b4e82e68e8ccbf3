package org.cmppgw.simulator.callbacks;

import org.cmppgw.simulator.config.CliOptions;
import org.cmppgw.simulator.config.CliOptions.Spec;
import org.cmppgw.simulator.config.CommandStart;
import org.cmppgw.simulator.config.ConfigSections;
import org.cmppgw.simulator.config.ShutdownSignal;
import org.cmppgw.simulator.load.LoadConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code simulator callbacks}: watches the gateway's JSMS callbacks in a terminal (docs/api.md, "Callbacks") until
 * Ctrl-C / SIGTERM. Listens where the {@code load:} section's receiver would (default
 * {@code http://127.0.0.1:8090/callback}, the gateway demo app's callback URL), answers the echostr verification,
 * answers 401 to a wrong signature and 200 to everything else, and prints one JSON line per callback on stdout
 * (see {@link CallbackPrinter}). The lines are UTF-8 whatever the locale, as JSON wants, so they pipe into
 * {@code jq}. Exit code 1 when the port cannot be bound, 2 for a usage error; a signal ends it like any JVM.
 */
public final class CallbacksCommand {
    static final String USAGE = "usage: java -jar simulator.jar callbacks [options]   (runs until stopped with Ctrl-C)";
    static final List<Spec> OPTIONS = List.of(
        Spec.value("config", "<file>", "YAML config; defaults from its load: section (default: config/simulator.yaml)"),
        Spec.value("host", "<addr>", "bind address (default load.callbackHost, 127.0.0.1)"),
        Spec.value("port", "<port>", "listen port (default load.callbackPort, 8090; 0 = any free port)"),
        Spec.value("path", "<path>", "callback path (default load.callbackPath, /callback)"),
        Spec.value("app-key", "<key>", "app key the signatures are checked with (default load.appKey)"),
        Spec.value("master-secret", "<secret>", "app master secret (default load.masterSecret)"),
        Spec.flag("help", "show this help"));
    private static final List<String> CONFIG_OPTIONS = List.of("host", "port", "path", "app-key", "master-secret");
    private static final Logger LOG = LoggerFactory.getLogger(CallbacksCommand.class);

    private CallbacksCommand() {
    }

    /** Runs the watcher; returns on a usage error (2), a bind failure (1), or once a shutdown signal closed it. */
    public static int run(String[] args) {
        CommandStart<CallbacksConfig> start = CommandStart.parse("callbacks", USAGE, OPTIONS, args,
            CallbacksCommand::config);
        if (start.exited()) {
            return start.exitCode();
        }
        CallbacksConfig config = start.config();
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        CallbacksServer server;
        try {
            server = CallbacksServer.start(config, out);
        } catch (IllegalStateException e) {
            System.err.println("callbacks: " + e.getMessage());
            return 1;
        }
        LOG.info("watching callbacks on {} (appKey {}); one JSON line per callback on stdout, Ctrl-C to stop",
            server.uri(), config.appKey());
        ShutdownSignal.await("callbacks-shutdown", () -> {
            server.close();
            out.flush();
        });
        return 0;
    }

    /** The effective config: defaults, then the file's {@code load:} section, then the command line. */
    static CallbacksConfig config(CliOptions options) {
        LoadConfig load = ConfigSections.forCommand(options.value("config"), "load", LoadConfig.defaults());
        return CallbacksConfig.of(load).with(options.configValues(CONFIG_OPTIONS));
    }
}
