package org.cmppgw.simulator.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code simulator load --fake-target} end to end: exit code, result file, HTML plot, warm-up. */
class LoadCommandIT {
    @TempDir
    Path dir;

    @Test
    void selfTestRunPassesAndWritesParseableFiles() throws IOException {
        Path result = dir.resolve("out/result.json");
        Path html = dir.resolve("plot.html");

        int exit = LoadCommand.run(new String[] {"--fake-target", "--messages", "1000", "--rate", "0",
            "--batch-size", "50", "--callback-port", "0", "--fake-delay-ms", "10", "--progress=false",
            "--result-file", result.toString(), "--html-file", html.toString()});

        assertThat(exit).isZero();
        LoadResult parsed = ResultFiles.read(result);
        assertThat(parsed.accepted()).isEqualTo(1000);
        assertThat(parsed.reports()).isEqualTo(1000);
        assertThat(parsed.lost()).isZero();
        assertThat(parsed.reportsByStatus()).isEqualTo(Map.of("4001", 1000L));
        assertThat(parsed.acceptLatency().distribution()).isNotEmpty();
        assertThat(parsed.callbackLatency().p99Ms()).isGreaterThanOrEqualTo(parsed.callbackLatency().p50Ms());
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("<svg", "<polyline", "99.9%")
            .doesNotContain("<script", "http-equiv", "src=");
    }

    @Test
    void lostReportsMakeTheExitCodeNonZero() {
        Path result = dir.resolve("lost.json");

        int exit = LoadCommand.run(new String[] {"--fake-target", "--messages", "200", "--rate", "0",
            "--callback-port", "0", "--fake-delay-ms", "10", "--fake-drop-percent", "10", "--grace-seconds", "5",
            "--progress=false", "--result-file", result.toString()});

        assertThat(exit).isEqualTo(1);
        assertThat(ResultFiles.read(result).lost()).isEqualTo(20);
    }

    @Test
    void aRunEndingWhileReportsStillComeIsIncompleteNotLost() {
        Path result = dir.resolve("pending.json");

        // Reports come 6 s after each accept while the wait after the last answer is 4 s: at its end they are still
        // coming, one every 10 ms, for the messages accepted in the last 2 s.
        int exit = LoadCommand.run(new String[] {"--fake-target", "--messages", "400", "--rate", "100",
            "--mode", "single", "--callback-port", "0", "--fake-delay-ms", "6000", "--grace-seconds", "4",
            "--progress=false", "--result-file", result.toString()});

        LoadResult parsed = ResultFiles.read(result);
        assertThat(parsed.lost()).isZero();
        assertThat(parsed.pending()).isPositive();
        assertThat(parsed.reports() + parsed.pending()).isEqualTo(400);
        assertThat(exit).isEqualTo(LoadCommand.INCOMPLETE);
    }

    @Test
    void aWarmUpRunsFirstInTheSameProcessAndOnlyTheMeasuredRunIsCounted() throws IOException {
        Path result = dir.resolve("warm.json");
        Path marker = dir.resolve("before-run.txt");

        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = LoadCommand.run(new String[] {"--fake-target", "--messages", "500", "--rate", "0",
                "--warmup-seconds", "1", "--warmup-rate", "300", "--before-run", "echo ran > '" + marker + "'",
                "--callback-port", "0", "--fake-delay-ms", "10", "--progress=false",
                "--result-file", result.toString()});
        } finally {
            System.setOut(original);
        }

        assertThat(exit).isZero();
        String output = printed.toString(StandardCharsets.UTF_8);
        // the warm-up's own line, before the measured run's report: about a second at 300/s, every report back
        assertThat(output.lines().filter(line -> line.startsWith("warm-up")).toList()).singleElement().asString()
            .matches("warm-up +accepted [1-9][0-9]* \\([0-9.]+/s over [0-9.]+ s\\), reports [1-9][0-9]*, lost 0, "
                + "errors 0");
        assertThat(output.indexOf("warm-up")).isLessThan(output.indexOf("accept latency"));
        assertThat(Files.readString(marker, StandardCharsets.UTF_8)).isEqualTo("ran\n");
        LoadResult parsed = ResultFiles.read(result);
        assertThat(parsed.sentMessages()).isEqualTo(500);
        assertThat(parsed.reports()).isEqualTo(500);
        assertThat(parsed.lost()).isZero();
        assertThat(parsed.unknownMsgIds()).isZero();
    }

    @Test
    void aFailingBeforeRunCommandStopsTheRun() {
        Path result = dir.resolve("never.json");

        int exit = LoadCommand.run(new String[] {"--fake-target", "--messages", "100", "--before-run", "exit 7",
            "--callback-port", "0", "--progress=false", "--result-file", result.toString()});

        assertThat(exit).isEqualTo(1);
        assertThat(result).doesNotExist();
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(LoadCommand.run(new String[] {"--mode", "scatter"})).isEqualTo(2);
        assertThat(LoadCommand.run(new String[] {"--temp-para", "novalue"})).isEqualTo(2);
        assertThat(LoadCommand.run(new String[] {"--warmup-seconds", "-1"})).isEqualTo(2);
        assertThat(LoadCommand.run(new String[] {"--warmup-seconds", "5", "--warmup-mobile-start", "123"}))
            .isEqualTo(2);
        assertThat(LoadCommand.run(new String[] {"--config", dir.resolve("absent.yaml").toString()})).isEqualTo(2);
    }
}
