package org.cmppgw.gateway;

import org.cmppgw.gateway.app.Gateway;
import org.cmppgw.gateway.config.ConfigException;
import org.cmppgw.gateway.config.ConfigLoader;
import org.cmppgw.gateway.config.GatewayConfig;
import org.cmppgw.gateway.config.LaunchOptions;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar gateway.jar --config config/gateway.yaml [--set path=value]...}: loads and validates the
 * configuration (failing fast with the path and the reason), starts the {@link Gateway} and stops it gracefully on
 * SIGTERM/SIGINT. Exit codes: 0 after {@code --help}; 143 (SIGTERM) or 130 (SIGINT) after the graceful stop a signal
 * starts, as the JVM reports a signal; 2 for a bad command line or configuration (including {@code simulator.embedded:
 * true} without the demo carrier on the class path, a port already in use, and a {@code node.id} a live gateway holds);
 * 1 when a component cannot start; 3 when this node's id was taken over after a long heartbeat silence.
 */
public final class GatewayMain {
    private static final String LOGBACK_PROPERTY = "logback.configurationFile";
    private static final Path LOGBACK_FILE = Path.of("config", "logback.xml");

    private GatewayMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        // Before the first logger exists: operators edit config/logback.xml, not the copy inside the jar.
        if (System.getProperty(LOGBACK_PROPERTY) == null && Files.isRegularFile(LOGBACK_FILE)) {
            System.setProperty(LOGBACK_PROPERTY, LOGBACK_FILE.toString());
        }
        GatewayConfig config;
        try {
            LaunchOptions options = LaunchOptions.parse(args);
            if (options.help()) {
                System.out.println(LaunchOptions.USAGE);
                return 0;
            }
            config = ConfigLoader.fromSystemEnvironment().load(options);
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("gateway: " + e.getMessage());
            return 2;
        }
        Gateway gateway;
        try {
            gateway = Gateway.start(config, Clock.systemUTC());
        } catch (ConfigException e) {
            // A configuration this machine cannot serve (simulator.embedded without the demo carrier, a port in
            // use): one line.
            System.err.println("gateway: " + e.getMessage());
            return 2;
        } catch (Exception e) { // also a checked exception a library rethrew undeclared
            LoggerFactory.getLogger(GatewayMain.class).error("gateway - failed to start: {}", e.toString(), e);
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }, "gateway-shutdown"));
        gateway.nodeLost().thenRun(stopped::countDown);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (gateway.nodeLost().isDone()) {
            // Another process holds this node's id now and may have adopted its work: stop, for a supervisor to
            // restart this one (docs/operations.md "Several nodes on one database").
            gateway.close();
            return 3;
        }
        return 0;
    }
}
