package org.cmppgw.gateway.app;

import org.cmppgw.testing.Await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code java -jar target/gateway.jar --config ../config/gateway.yaml --set ...} in a child JVM, as an operator runs
 * it: started, its API and management ports read from its start-up line, stopped with SIGTERM or killed with
 * SIGKILL. Its output is kept for failure messages.
 */
final class ChildGateway implements AutoCloseable {
    static final Path JAR = Path.of("target", "gateway.jar");
    private static final Pattern STARTED =
        Pattern.compile("gateway started: api=/127\\.0\\.0\\.1:(\\d+) management=/127\\.0\\.0\\.1:(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final List<String> output = new ArrayList<>();
    private int apiPort;
    private int managementPort;

    private ChildGateway(Process process) {
        this.process = process;
        Thread reader = new Thread(this::copyOutput, "child-gateway-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the jar with {@code overrides} ({@code path=value} each) and waits for its start-up line. */
    static ChildGateway start(List<String> overrides) {
        assertThat(JAR).as("the shaded jar (package runs before integration-test)").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
            .toString(), "-Xmx512m", "-jar", JAR.toString(), "--config", E2e.CONFIG.toString()));
        for (String override : overrides) {
            command.add("--set");
            command.add(override);
        }
        ChildGateway child;
        try {
            child = new ChildGateway(new ProcessBuilder(command).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        child.awaitStarted();
        return child;
    }

    private void awaitStarted() {
        Await.until("the child gateway's start-up line", START_TIMEOUT, () -> {
            synchronized (output) {
                for (String line : output) {
                    Matcher m = STARTED.matcher(line);
                    if (m.find()) {
                        apiPort = Integer.parseInt(m.group(1));
                        managementPort = Integer.parseInt(m.group(2));
                        return true;
                    }
                }
            }
            if (!process.isAlive()) {
                fail("child gateway exited with " + process.exitValue() + ":\n" + output());
            }
            return false;
        }, this::output);
    }

    URI api() {
        return URI.create("http://127.0.0.1:" + apiPort);
    }

    String metrics() {
        return E2e.management("127.0.0.1", managementPort, "/metrics").body();
    }

    int ready() {
        return E2e.management("127.0.0.1", managementPort, "/health/ready").statusCode();
    }

    /** SIGTERM (the shutdown hook closes the gateway gracefully); returns the exit code. */
    int stop() {
        process.toHandle().destroy();
        return awaitExit();
    }

    /** SIGKILL: no shutdown hook, nothing flushed; returns the exit code. */
    int kill() {
        process.destroyForcibly();
        return awaitExit();
    }

    private int awaitExit() {
        try {
            if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                fail("child gateway did not exit:\n" + output());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
        return process.exitValue();
    }

    /** Everything the child printed so far. */
    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    private void copyOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (output) {
                    output.add(line);
                }
            }
        } catch (IOException e) {
            // The process is gone; what it printed is kept.
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            awaitExit();
        }
    }
}
