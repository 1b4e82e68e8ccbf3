package org.cmppgw.simulator;

import org.cmppgw.simulator.jsms.JsmsSignature;
import org.cmppgw.simulator.smtp.TestMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shaded {@code target/simulator.jar} as an operator runs it, in a child JVM: proves the jar carries what the
 * modes need at run time (the test classpath would hide a missing runtime dependency).
 */
class SimulatorJarIT {
    private static final Path JAR = Path.of("target", "simulator.jar");
    private static final Pattern SINK_PORT = Pattern.compile("smtp sink on 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern CALLBACKS_PORT =
        Pattern.compile("watching callbacks on http://127\\.0\\.0\\.1:(\\d+)/callback");
    private static final long DEADLINE_SECONDS = 90;

    @TempDir
    Path dir;

    @Test
    void loadSelfTestRunsFromTheJar() throws Exception {
        Path result = dir.resolve("result.json");
        Process process = start("load", "--fake-target", "--messages", "500", "--rate", "0", "--callback-port", "0",
            "--progress=false", "--result-file", result.toString());
        try {
            List<String> output = drain(process);
            assertThat(process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(String.join("\n", output)).isZero();
            assertThat(output).contains("PASSED");
            assertThat(Files.readString(result)).contains("\"accepted\" : 500");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void smtpSinkFromTheJarAcceptsMailAndStopsOnSigterm() throws Exception {
        try (ServerJar jar = ServerJar.start("smtp", "--port", "0", "--tls-port", "-1", "--starttls=false")) {
            int port = jar.awaitPort(SINK_PORT);

            TestMail.send(port, "jar", "from the jar test");

            jar.stop();
            assertThat(String.join("\n", jar.lines)).as("output after start-up")
                .contains("smtp sink stopped: 1 messages, 1 recipients");
        }
    }

    @Test
    void callbacksWatcherFromTheJarPrintsAVerifiedCallbackAndStopsOnSigterm() throws Exception {
        try (ServerJar jar = ServerJar.start("callbacks", "--port", "0")) {
            int port = jar.awaitPort(CALLBACKS_PORT);

            String data = "{\"phone\":\"13800138000\",\"replyTime\":1700000000,\"content\":\"收到\"}";
            String form = "nonce=7&timestamp=1700000000000&type=SMS_REPLY&signature="
                + new JsmsSignature("demo-app-key", "demo-master-secret").sign("7", "1700000000000")
                + "&data=" + URLEncoder.encode(data, StandardCharsets.UTF_8);
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/callback"))
                .timeout(Duration.ofSeconds(DEADLINE_SECONDS))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);

            jar.stop();
            assertThat(jar.lines).as("output after start-up")
                .contains("{\"type\":\"SMS_REPLY\",\"signature\":\"ok\",\"data\":" + data + "}");
        }
    }

    private static Process start(String... args) throws IOException {
        assertThat(JAR).exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
            .toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static List<String> drain(Process process) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** A server command of the jar running in the background, its output read line by line as it comes. */
    private static final class ServerJar implements AutoCloseable {
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final Process process;
        private final Thread reader;

        private ServerJar(Process process) {
            this.process = process;
            this.reader = new Thread(this::copyLines, "jar-output");
            reader.setDaemon(true);
            reader.start();
        }

        static ServerJar start(String... args) throws IOException {
            return new ServerJar(SimulatorJarIT.start(args));
        }

        /** The port the server announces in a line matching {@code announcement}. */
        int awaitPort(Pattern announcement) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
            List<String> seen = new ArrayList<>();
            while (System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line != null) {
                    seen.add(line);
                    Matcher m = announcement.matcher(line);
                    if (m.find()) {
                        return Integer.parseInt(m.group(1));
                    }
                }
            }
            throw new AssertionError("the server did not report its port in time: " + seen);
        }

        /** Sends SIGTERM, checks the process exits in time and waits for the rest of its output. */
        void stop() throws InterruptedException {
            // SIGTERM through the handle: Process.destroy() would also close the output we still read.
            process.toHandle().destroy();
            assertThat(process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)).isTrue();
            reader.join(TimeUnit.SECONDS.toMillis(10));
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }

        private void copyLines() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("output read failed: " + e);
            }
        }
    }
}
