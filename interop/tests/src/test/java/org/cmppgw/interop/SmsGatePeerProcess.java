package org.cmppgw.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.cmppgw.testing.Await;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SMSGate peer (interop/smsgate-peer) in a child JVM on exactly the classpath that module wrote, so SMSGate's
 * Netty 4.1.86 never meets ours. Its clock runs in UTC ({@code -Duser.timezone=UTC}, the default of a container).
 * Every stdout line is one JSON event, kept in order and copied to {@code peer.out}; SMSGate's own log goes to
 * {@code peer.err}. Both are in the peer's working directory under {@code target/smsgate-work/}, which also takes
 * any file SMSGate writes (docs/interop.md).
 */
final class SmsGatePeerProcess implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Path PEER = Path.of("..", "smsgate-peer", "target");
    private static final Path WORK = Path.of("target", "smsgate-work");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path workDir;
    private final List<JsonNode> events = new ArrayList<>();
    private final List<String> garbage = new ArrayList<>();
    private final Thread reader;

    private SmsGatePeerProcess(Process process, Path workDir) {
        this.process = process;
        this.workDir = workDir;
        reader = new Thread(this::readEvents, "smsgate-peer-events");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code SmsGatePeer args...} in a fresh directory {@code target/smsgate-work/<name>-<n>} (kept after the
     * test for its {@code peer.err}) and waits for its {@code ready} event.
     */
    static SmsGatePeerProcess start(String name, String... args) {
        Path workDir = WORK.resolve(name + "-" + System.currentTimeMillis());
        Path classpathFile = PEER.resolve("smsgate-peer.classpath");
        assertThat(classpathFile).as("smsgate-peer's classpath file (the peer module builds first)").exists();
        List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:+UseSerialGC",
            "-Duser.timezone=UTC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
            "-Dorg.slf4j.simpleLogger.showDateTime=true", "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
            "-cp", PEER.resolve("classes").toAbsolutePath() + File.pathSeparator + read(classpathFile),
            "org.cmppgw.interop.smsgate.SmsGatePeer"));
        command.addAll(List.of(args));
        SmsGatePeerProcess peer;
        try {
            Files.createDirectories(workDir);
            Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(workDir.resolve("peer.err").toFile())).start();
            peer = new SmsGatePeerProcess(process, workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("smsgate peer - cannot start " + command, e);
        }
        peer.await("the peer's ready event", () -> peer.count("ready") == 1);
        return peer;
    }

    /** The port of a {@code server} peer. */
    int port() {
        return first("ready").path("port").asInt();
    }

    /** Every event so far, in arrival order. */
    List<JsonNode> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** The events named {@code event}, in arrival order. */
    List<JsonNode> events(String event) {
        synchronized (events) {
            return events.stream().filter(e -> event.equals(e.path("event").asText())).toList();
        }
    }

    long count(String event) {
        return events(event).size();
    }

    long count(String event, Predicate<JsonNode> filter) {
        return events(event).stream().filter(filter).count();
    }

    JsonNode first(String event) {
        List<JsonNode> list = events(event);
        assertThat(list).as("%s events", event).isNotEmpty();
        return list.get(0);
    }

    /** Waits up to {@link #TIMEOUT} for {@code condition}; fails with the peer's state if it exits first. */
    void await(String what, BooleanSupplier condition) {
        Await.until(what, TIMEOUT, () -> {
            if (condition.getAsBoolean()) {
                return true;
            }
            assertThat(process.isAlive() || exitedCleanly()).as("smsgate peer alive: %s", describe()).isTrue();
            return false;
        }, this::describe);
    }

    private boolean exitedCleanly() {
        return process.exitValue() == 0 && count("stopped") == 1;
    }

    /**
     * SIGKILL, as a crashed carrier: no TERMINATE, connections reset. Sent through the process handle, because
     * {@link Process#destroyForcibly()} also closes our end of its stdout and so drops the events not read yet;
     * returns once every event the peer printed has been read.
     */
    void kill() {
        process.toHandle().destroyForcibly();
        waitFor();
        try {
            reader.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("smsgate peer - interrupted while reading its last events", e);
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        try {
            OutputStream in = process.getOutputStream();
            in.write("stop\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            // already gone: fall through to the kill
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    /** The last events and stderr lines, for failure messages. */
    String describe() {
        StringBuilder sb = new StringBuilder("smsgate peer (").append(process.isAlive() ? "alive" : "exited")
            .append(")\nlast events:\n");
        synchronized (events) {
            events.subList(Math.max(0, events.size() - 15), events.size()).forEach(e -> sb.append(e).append('\n'));
            garbage.forEach(g -> sb.append("not JSON: ").append(g).append('\n'));
        }
        try {
            List<String> err = Files.readAllLines(workDir.resolve("peer.err"));
            sb.append("peer.err (last lines):\n");
            err.subList(Math.max(0, err.size() - 15), err.size()).forEach(l -> sb.append(l).append('\n'));
        } catch (IOException e) {
            sb.append("peer.err unreadable: ").append(e).append('\n');
        }
        return sb.toString();
    }

    private void waitFor() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("smsgate peer - still alive 30 s after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("smsgate peer - interrupted while waiting for its exit", e);
        }
    }

    /** Keeps every line, also in {@code peer.out} for a look after the test. */
    private void readEvents() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8));
             Writer copy = Files.newBufferedWriter(workDir.resolve("peer.out"))) {
            String line;
            while ((line = out.readLine()) != null) {
                copy.write(line);
                copy.write('\n');
                copy.flush();
                JsonNode node = parse(line);
                synchronized (events) {
                    if (node == null) {
                        garbage.add(line);
                    } else {
                        events.add(node);
                    }
                }
            }
        } catch (IOException e) {
            synchronized (events) {
                garbage.add("stdout closed: " + e);
            }
        }
    }

    private static JsonNode parse(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(file + " - unreadable", e);
        }
    }
}
