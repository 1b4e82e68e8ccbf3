package org.cmppgw.gateway.app;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cmppgw.simulator.ismg.IsmgConfig;
import org.cmppgw.simulator.ismg.IsmgServer;
import org.cmppgw.simulator.load.LoadConfig;
import org.cmppgw.simulator.load.LoadGenerator;
import org.cmppgw.simulator.load.LoadResult;
import org.cmppgw.simulator.smtp.SmtpConfig;
import org.cmppgw.simulator.smtp.SmtpSink;
import org.cmppgw.simulator.smtp.SmtpUser;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load generator's email mode against the whole system (issue 11 "Performance", benchmarks/scripts/email.sh in
 * small): it posts to {@code /v1/emails} of a real gateway (H2), which sends over STARTTLS with AUTH on a few reused
 * connections to the simulator's SMTP sink and calls each copy back as EMAIL_REPORT. Every accepted email id must get
 * exactly one signed report, and the sink must see far fewer connections than mails.
 */
class EmailLoadIT {
    private static final int EMAILS = 600;
    private static final int CONNECTIONS = 4;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyAcceptedEmailGetsExactlyOneDeliveredReport() {
        LoadConfig load = LoadConfig.defaults().with(Map.of("mode", "email", "batchSize", 20, "messages", EMAILS,
            "rate", 0, "connections", 4, "callbackPort", 0, "progress", false, "resultFile", "",
            "durationSeconds", 60, "graceSeconds", 60));
        SmtpConfig sink = SmtpConfig.defaults().with(Map.of("port", 0, "tlsPort", SmtpConfig.OFF, "starttls", true,
            "authRequired", true, "users", List.of(new SmtpUser("gateway", "gateway-secret"))));
        try (IsmgServer ismg = IsmgServer.start(IsmgConfig.defaults().withPort(0), Clock.systemUTC(),
                 new SimpleMeterRegistry());
             SmtpSink smtp = new SmtpSink(sink).start();
             LoadGenerator generator = LoadGenerator.open(load, null)) {
            List<String> overrides = new ArrayList<>(E2e.overrides(ismg.port(), E2e.h2Url(dir), "sa", "",
                generator.callbackUri()));
            overrides.addAll(E2e.emailProvider(smtp.port()));
            overrides.addAll(List.of("emailProviders[0].encryption=STARTTLS", "emailProviders[0].trustAll=true",
                "emailProviders[0].account=gateway", "emailProviders[0].password=gateway-secret",
                "emailProviders[0].connections=" + CONNECTIONS, "emailProviders[0].tps=100000"));
            try (Gateway gateway = Gateway.start(E2e.config(overrides), Clock.systemUTC())) {
                int management = gateway.managementAddress().getPort();
                Await.until("readiness", E2e.TIMEOUT, () -> E2e.management("127.0.0.1", management,
                    "/health/ready").statusCode() == 200, () -> "not ready");

                LoadResult r = generator.run(URI.create("http://127.0.0.1:" + gateway.apiAddress().getPort()));

                assertThat(r.mode()).isEqualTo("EMAIL");
                assertThat(r.sentRequests()).isEqualTo(EMAILS / 20);
                assertThat(r.accepted()).as("accepted").isEqualTo(EMAILS);
                assertThat(r.reports()).as("EMAIL_REPORT callbacks").isEqualTo(EMAILS);
                assertThat(r.reportsByStatus()).containsExactly(Map.entry("delivered", (long) EMAILS));
                assertThat(r.callbacksByType()).containsExactly(Map.entry("EMAIL_REPORT", (long) EMAILS));
                assertThat(r.lost()).isZero();
                assertThat(r.pending()).isZero();
                assertThat(r.duplicates()).isZero();
                assertThat(r.unknownMsgIds()).isZero();
                assertThat(r.badSignatures()).isZero();
                assertThat(r.badCallbacks()).isZero();
                assertThat(r.errors()).as("errors %s", r.errorsByCode()).isZero();
                assertThat(r.callbackLatency().count()).isEqualTo(EMAILS);
                assertThat(r.passed()).isTrue();

                assertThat(smtp.stats().messages()).as("the sink got each mail once").isEqualTo(EMAILS);
                assertThat(smtp.stats().authFailures()).isZero();
                assertThat(smtp.stats().sessions()).as("connections reused, never one per mail")
                    .isBetween(1L, (long) CONNECTIONS);
            }
        }
    }
}
