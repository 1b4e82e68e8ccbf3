package org.cmppgw.simulator.load;

import org.cmppgw.simulator.config.CliOptions;
import org.cmppgw.simulator.config.CliOptions.Spec;
import org.cmppgw.simulator.config.CommandStart;
import org.cmppgw.simulator.config.ConfigSections;
import org.cmppgw.simulator.fakejsms.FakeJsmsConfig;
import org.cmppgw.simulator.fakejsms.FakeJsmsServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code simulator load}: one bounded load run against a JSMS-shaped API (or, with {@code --fake-target}, against
 * an embedded {@link FakeJsmsServer}), then a summary on stdout and the result files. Exit code 0 when nothing was
 * lost and nothing failed, 1 otherwise, 2 for a usage error, 3 when nothing was lost or failed but reports were
 * still coming for some messages when the wait ended (see {@link LoadResult#pending()}). Options override the
 * {@code load:} section.
 */
public final class LoadCommand {
    static final String USAGE = "usage: java -jar simulator.jar load [options]";
    /** The exit code of a run that ended while reports were still coming in. */
    static final int INCOMPLETE = 3;
    static final List<Spec> OPTIONS = List.of(
        Spec.value("config", "<file>", "YAML config (default: config/simulator.yaml when present)"),
        Spec.value("target", "<url>", "the API's base URL (default http://127.0.0.1:8080)"),
        Spec.value("app-key", "<key>", "app key (Basic auth user, callback signature)"),
        Spec.value("master-secret", "<secret>", "app master secret"),
        Spec.value("temp-id", "<id>", "template id; code mode: a template of type code (default 1)"),
        Spec.value("sign-id", "<id>", "signature id (0 = not sent)"),
        Spec.value("temp-para", "<name=value>", "a template parameter; repeatable; replaces the file's"),
        Spec.value("mode", "single|batch|email|code", "one recipient per request, SMS batches, emails to "
            + "--batch-size addresses each, or one verification code per request (POST /v1/codes) (default batch)"),
        Spec.value("batch-size", "<n>", "recipients per batch request, 1..1000; to addresses per email, 1..100 "
            + "(default 100)"),
        Spec.value("email-body-bytes", "<n>", "email mode: characters of each mail's text body (default 1024)"),
        Spec.value("connections", "<n>", "keep-alive connections (default 4)"),
        Spec.value("pipeline", "<n>", "requests in flight per connection (default 1)"),
        Spec.value("rate", "<msgs/s>", "target rate, paced (default 1000; 0 = flat out)"),
        Spec.value("messages", "<n>", "stop after n messages (default 0 = run for --duration-seconds)"),
        Spec.value("duration-seconds", "<s>", "longest send phase (default 60)"),
        Spec.value("request-timeout-seconds", "<s>", "a request unanswered this long is an error (default 30)"),
        Spec.value("grace-seconds", "<s>", "wait this long for outstanding reports (default 30)"),
        Spec.value("mobile-start", "<number>", "first mobile; message i goes to start + i (default 13800000000)"),
        Spec.value("callback-host", "<addr>", "callback receiver bind address (default 127.0.0.1)"),
        Spec.value("callback-port", "<port>", "callback receiver port (default 8090; 0 = any free port)"),
        Spec.value("callback-path", "<path>", "callback receiver path (default /callback)"),
        Spec.flag("send-callback-url", "put callback_url in every request"),
        Spec.value("callback-url", "<url>", "the callback_url to send (default: the receiver's own URL)"),
        Spec.value("result-file", "<path>", "JSON result (default loadgen-result.json)"),
        Spec.value("html-file", "<path>", "HTML latency plot (default: none)"),
        Spec.flag("progress", "progress line on stderr every second (default on; --progress=false)"),
        Spec.value("warmup-seconds", "<s>", "first send this long at --warmup-rate in the same JVM, then the "
            + "measured run: its JIT has compiled the generator by then (default 0 = no warm-up)"),
        Spec.value("warmup-rate", "<msgs/s>", "the warm-up's rate (default: --rate)"),
        Spec.value("warmup-mobile-start", "<number>", "the warm-up's first mobile, away from the run's so that "
            + "the gateway's per-mobile limits do not refuse the run (default 13900000000)"),
        Spec.value("before-run", "<command>", "a bash command run after the warm-up, just before the measured "
            + "run (e.g. one that snapshots counters); the run starts when it ends, and not if it fails"),
        Spec.flag("fake-target", "run against an embedded fake JSMS endpoint instead of --target"),
        Spec.value("fake-delay-ms", "<ms>", "fake endpoint: accept -> report delay (default 100)"),
        Spec.value("fake-drop-percent", "<p>", "fake endpoint: share of reports never sent"),
        Spec.value("fake-duplicate-percent", "<p>", "fake endpoint: share of reports sent twice"),
        Spec.value("fake-bad-signature-percent", "<p>", "fake endpoint: share of reports signed wrongly"),
        Spec.flag("help", "show this help"));
    private static final List<String> CONFIG_OPTIONS = List.of("target", "app-key", "master-secret", "temp-id",
        "sign-id", "mode", "batch-size", "connections", "pipeline", "rate", "messages", "duration-seconds",
        "request-timeout-seconds", "grace-seconds", "mobile-start", "callback-host", "callback-port",
        "callback-path", "send-callback-url", "callback-url", "result-file", "html-file", "progress",
        "email-body-bytes");

    private static final String DEFAULT_WARMUP_MOBILE_START = "13900000000";

    private LoadCommand() {
    }

    public static int run(String[] args) {
        CommandStart<Setup> start = CommandStart.parse("load", USAGE, OPTIONS, args, LoadCommand::setup);
        if (start.exited()) {
            return start.exitCode();
        }
        Setup setup = start.config();
        try {
            if (setup.warmup() != null) {
                LoadResult warm = runOnce(setup.warmup(), setup.fake());
                System.out.println(LoadSummary.warmUpLine(warm));
            }
            if (!setup.beforeRun().isEmpty() && !runCommand(setup.beforeRun())) {
                return 1;
            }
            LoadResult result = runOnce(setup.config(), setup.fake());
            LoadSummary.report(result, setup.config(), System.out);
            return result.passed() ? 0 : result.incomplete() ? INCOMPLETE : 1;
        } catch (IllegalStateException | UncheckedIOException e) {
            System.err.println("load: " + e.getMessage());
            return 1;
        }
    }

    /** One generator, one run: against the fake endpoint when {@code fake} is set, else the config's target. */
    private static LoadResult runOnce(LoadConfig config, FakeJsmsConfig fake) {
        try (LoadGenerator generator = LoadGenerator.open(config)) {
            if (fake == null) {
                return generator.run();
            }
            try (FakeJsmsServer server = FakeJsmsServer.start(fake.with(
                Map.of("callbackUrl", generator.callbackUri().toString())))) {
                return generator.run(server.uri());
            }
        }
    }

    /** Runs {@code command} with {@code bash -c}, output to this process's; false (and why on stderr) unless exit 0. */
    private static boolean runCommand(String command) {
        try {
            int exit = new ProcessBuilder("bash", "-c", command).inheritIO().start().waitFor();
            if (exit != 0) {
                System.err.println("load: --before-run exited with " + exit + ": the run did not start");
            }
            return exit == 0;
        } catch (IOException e) {
            System.err.println("load: --before-run could not start (" + e.getMessage() + "): the run did not start");
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while --before-run ran", e);
        }
    }

    /**
     * The run's config; the warm-up's ({@code null}: none), which sends as the run does but at its own rate, for its
     * own time, to its own mobiles, and writes no files; with {@code --fake-target}, the fake endpoint's config (else
     * {@code null}); and the command run before the measured run ("" = none).
     */
    private record Setup(LoadConfig config, LoadConfig warmup, FakeJsmsConfig fake, String beforeRun) {
    }

    private static Setup setup(CliOptions options) {
        LoadConfig config = config(options);
        if (options.flag("fake-target") && config.mode() == LoadConfig.Mode.EMAIL) {
            throw new IllegalArgumentException("--fake-target: the fake endpoint answers SMS sends only (expected: "
                + "--mode single, batch or code, or a gateway with an email provider as --target)");
        }
        return new Setup(config, warmupConfig(options, config),
            options.flag("fake-target") ? fakeConfig(options, config) : null,
            options.value("before-run").orElse(""));
    }

    static LoadConfig warmupConfig(CliOptions options, LoadConfig config) {
        int seconds = options.intValue("warmup-seconds", 0);
        if (seconds < 0) {
            throw new IllegalArgumentException("--warmup-seconds: " + seconds + " (expected: >= 0)");
        }
        if (seconds == 0) {
            return null;
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("durationSeconds", seconds);
        changes.put("messages", 0);
        changes.put("rate", options.intValue("warmup-rate", config.rate()));
        changes.put("mobileStart", options.value("warmup-mobile-start").orElse(DEFAULT_WARMUP_MOBILE_START));
        changes.put("resultFile", "");
        changes.put("htmlFile", "");
        return ConfigSections.merge(config, changes);
    }

    /** The effective config: defaults, then the file's {@code load:} section, then the command line. */
    static LoadConfig config(CliOptions options) {
        LoadConfig base = ConfigSections.forCommand(options.value("config"), "load", LoadConfig.defaults());
        Map<String, Object> changes = options.configValues(CONFIG_OPTIONS);
        if (options.has("temp-para")) {
            Map<String, String> para = new LinkedHashMap<>();
            for (String pair : options.values("temp-para")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--temp-para: " + pair + " (expected: name=value)");
                }
                para.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
            changes.put("tempPara", para);
        }
        return ConfigSections.merge(base, changes);
    }

    private static FakeJsmsConfig fakeConfig(CliOptions options, LoadConfig config) {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("appKey", config.appKey());
        changes.put("masterSecret", config.masterSecret());
        options.value("fake-delay-ms").ifPresent(v -> changes.put("callbackDelayMillis", v));
        options.value("fake-drop-percent").ifPresent(v -> changes.put("dropPercent", v));
        options.value("fake-duplicate-percent").ifPresent(v -> changes.put("duplicatePercent", v));
        options.value("fake-bad-signature-percent").ifPresent(v -> changes.put("badSignaturePercent", v));
        return FakeJsmsConfig.defaults().with(changes);
    }
}
