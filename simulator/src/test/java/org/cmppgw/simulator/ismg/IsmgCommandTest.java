package org.cmppgw.simulator.ismg;

import io.netty.channel.nio.NioEventLoopGroup;
import org.cmppgw.cmpp.CmppVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code simulator ismg}: options, the YAML section, and a started ISMG that serves CMPP and {@code /metrics}. */
class IsmgCommandTest {
    @TempDir
    Path dir;

    /** Runs the command with stdout and stderr captured; returns exit code, then the captured text. */
    private static Object[] run(String... args) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            int code = IsmgCommand.run(args);
            return new Object[] {code, captured.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private Path yaml(String text) throws Exception {
        Path file = dir.resolve("simulator.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void helpListsTheOptions() {
        Object[] result = run("--help");

        assertThat(result[0]).isEqualTo(0);
        assertThat((String) result[1]).startsWith(IsmgCommand.USAGE).contains("--config", "--port", "--metrics-port",
            "--timestamp-zone", "--timestamp-tolerance-millis", "--timestamp-check");
    }

    @Test
    void badInputExitsWith2AndSaysWhy() throws Exception {
        assertThat(run("--verbose", "yes")).containsExactly(IsmgCommand.EXIT_USAGE,
            "simulator ismg - --verbose: unknown option (expected: --config, --port, --metrics-port, "
                + "--timestamp-zone, --timestamp-tolerance-millis, --timestamp-check or --help)\n"
                + IsmgCommand.USAGE + "\n");
        assertThat((String) run("--port", "70000")[1]).contains("--port: 70000 (expected: 0..65535)");
        assertThat((String) run("--port")[1]).contains("--port: no value");
        assertThat((String) run("--timestamp-tolerance-millis", "15m")[1])
            .contains("--timestamp-tolerance-millis: 15m (expected: milliseconds, an integer)");
        Object[] badZone = run("--timestamp-zone", "Mars/Olympus");
        assertThat(badZone[0]).isEqualTo(IsmgCommand.EXIT_USAGE);
        assertThat((String) badZone[1]).contains("ismg.login.timestampZone: \"Mars/Olympus\" (expected: a zone ID");
        assertThat((String) run("--timestamp-check", "maybe")[1])
            .contains("ismg.login.timestampCheck: \"maybe\" (expected: enforce, warn or off)");
        assertThat((String) run("--config", dir.resolve("missing.yaml").toString())[1])
            .contains("(expected: an existing YAML file)");
        Object[] invalid = run("--config", yaml("ismg:\n  accounts: []\n").toString());
        assertThat(invalid[0]).isEqualTo(IsmgCommand.EXIT_USAGE);
        assertThat((String) invalid[1]).contains("ismg.accounts: [] (expected: at least one account)");
    }

    @Test
    void readsTheIsmgSectionAndAppliesTheOverrides() throws Exception {
        Path file = yaml("""
            smtp: {port: 2525}
            ismg:
              port: 7999
              accounts: [{sourceAddr: "901235", secret: s}]
            """);

        IsmgCommand.Options options = IsmgCommand.Options.parse(new String[] {"--config", file.toString(),
            "--metrics-port", "0"});
        IsmgConfig config = options.apply(IsmgCommand.load(options));

        assertThat(config.port()).isEqualTo(7999);
        assertThat(config.metricsPort()).isZero();
        assertThat(config.accounts()).extracting(IsmgAccountConfig::sourceAddr).containsExactly("901235");
        assertThat(IsmgCommand.Options.parse(new String[] {"--port", "0"}).apply(config).port()).isZero();
        LoginConfig login = IsmgCommand.Options.parse(new String[] {"--timestamp-zone", "UTC",
            "--timestamp-check", "warn"}).apply(config.withLogin(new LoginConfig(null, 60_000L, null))).login();
        assertThat(login).isEqualTo(new LoginConfig("UTC", 60_000L, "warn"));
        assertThat(IsmgCommand.Options.parse(new String[] {"--timestamp-tolerance-millis", "3600000"}).apply(config)
            .login()).isEqualTo(new LoginConfig("Asia/Shanghai", 3_600_000L, "enforce"));
        assertThat(IsmgCommand.load(IsmgCommand.Options.parse(new String[] {"--config", yaml("smtp: {}\n")
            .toString()}))).isEqualTo(IsmgConfig.defaults());
        Path sample = Path.of(getClass().getResource("/ismg-sample.yaml").toURI());
        assertThat(IsmgCommand.load(IsmgCommand.Options.parse(new String[] {"--config", sample.toString()})))
            .isEqualTo(IsmgConfig.defaults());
    }

    @Test
    void startedIsmgServesCmppAndPrometheusMetrics() throws Exception {
        int metricsPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            metricsPort = probe.getLocalPort();
        }
        IsmgConfig config = IsmgConfig.defaults().withPort(0).withMetricsPort(metricsPort);
        NioEventLoopGroup loops = new NioEventLoopGroup(1);
        try (IsmgCommand.Running running = IsmgCommand.start(config)) {
            SpClient sp = SpClient.connect(loops, running.server().port(), CmppVersion.V30);
            assertThat(sp.submitAndWait(SpClient.submit("13800138000").build()).isOk()).isTrue();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(SpClient.WAIT_SECONDS))
                .build();

            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + running.metrics().port() + "/metrics")).timeout(Duration.ofSeconds(SpClient.WAIT_SECONDS)).build(),
                HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + running.metrics().port() + "/")).timeout(Duration.ofSeconds(SpClient.WAIT_SECONDS)).build(),
                HttpResponse.BodyHandlers.ofString());

            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("text/plain"));
            assertThat(metrics.body()).contains("cmpp_ismg_connections{account=\"901234\"} 1.0",
                "cmpp_ismg_submits_total{account=\"901234\"} 1.0");
            assertThat(other.statusCode()).isEqualTo(404);
            sp.close();
        } finally {
            loops.shutdownGracefully(0, SpClient.WAIT_SECONDS, TimeUnit.SECONDS)
                .awaitUninterruptibly(SpClient.WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }
}
