package org.cmppgw.simulator.smtp;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.cmppgw.simulator.config.CliOptions;
import org.cmppgw.simulator.config.CliOptions.Spec;
import org.cmppgw.simulator.config.CommandStart;
import org.cmppgw.simulator.config.ConfigSections;
import org.cmppgw.simulator.config.ShutdownSignal;
import org.cmppgw.simulator.metrics.MetricsServer;

import java.util.List;
import java.util.Map;

/**
 * {@code simulator smtp}: runs the {@link SmtpSink} until the process is stopped. Options override the
 * {@code smtp:} section of the config file.
 */
public final class SmtpCommand {
    static final String USAGE = "usage: java -jar simulator.jar smtp [options]   (runs until stopped with Ctrl-C)";
    static final List<Spec> OPTIONS = List.of(
        Spec.value("config", "<file>", "YAML config (default: config/simulator.yaml when present)"),
        Spec.value("host", "<addr>", "bind address (default 127.0.0.1)"),
        Spec.value("port", "<port>", "plain SMTP + STARTTLS port (default 2525; 0 = any free port)"),
        Spec.value("tls-port", "<port>", "implicit TLS port (default 2465; -1 = off)"),
        Spec.flag("starttls", "offer STARTTLS on the plain port (default on; --starttls=false to disable)"),
        Spec.value("host-name", "<name>", "name in the greeting and in the generated certificate"),
        Spec.flag("auth-required", "refuse MAIL FROM before AUTH (needs --user)"),
        Spec.value("user", "<user:password>", "an AUTH PLAIN/LOGIN account; repeatable; replaces the file's users"),
        Spec.value("fail", "<glob=code text>", "reply to matching RCPT TO, e.g. '*@bad.example=550 5.1.1 no such "
            + "user'; repeatable"),
        Spec.value("max-message-size", "<bytes>", "largest message accepted (0 = unlimited)"),
        Spec.value("max-connections", "<n>", "concurrent sessions"),
        Spec.value("metrics-port", "<port>", "serve Prometheus /metrics on this port (0 = off)"),
        Spec.flag("help", "show this help"));
    private static final List<String> CONFIG_OPTIONS = List.of("host", "port", "tls-port", "starttls",
        "host-name", "auth-required", "max-message-size", "max-connections", "metrics-port");

    private SmtpCommand() {
    }

    /** Runs the sink; returns only on a usage error (2) or after a shutdown signal (0). */
    public static int run(String[] args) {
        CommandStart<SmtpConfig> start = CommandStart.parse("smtp", USAGE, OPTIONS, args, SmtpCommand::config);
        if (start.exited()) {
            return start.exitCode();
        }
        SmtpConfig config = start.config();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SmtpSink sink = new SmtpSink(config, registry).start();
        MetricsServer metrics = config.metricsPort() == 0 ? null
            : MetricsServer.start(config.host(), config.metricsPort(), registry);
        ShutdownSignal.await("smtp-shutdown", () -> {
            if (metrics != null) {
                metrics.close();
            }
            sink.close();
        });
        return 0;
    }

    /** The effective config: defaults, then the file's {@code smtp:} section, then the command line. */
    static SmtpConfig config(CliOptions options) {
        SmtpConfig base = ConfigSections.forCommand(options.value("config"), "smtp", SmtpConfig.defaults());
        Map<String, Object> changes = options.configValues(CONFIG_OPTIONS);
        if (options.has("user")) {
            changes.put("users", options.values("user").stream().map(SmtpUser::parse).toList());
        }
        if (options.has("fail")) {
            changes.put("failures", options.values("fail").stream().map(SmtpFailure::parse).toList());
        }
        return ConfigSections.merge(base, changes);
    }
}
