package org.cmppgw.gateway.metrics;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusGatewayMetricsTest {
    private final PrometheusGatewayMetrics metrics = new PrometheusGatewayMetrics();

    @AfterEach
    void close() {
        metrics.close();
    }

    private void exerciseEveryMethod() {
        metrics.apiConnectionOpened();
        metrics.apiConnectionRefused("per_address");
        metrics.apiRequestTimedOut();
        metrics.apiRequest("messages", 200, 50000, 1_000_000);
        metrics.messagesAccepted("messages", 1);
        metrics.recipientsRejected("messages_batch", 50006, 2);
        ProviderMetrics provider = metrics.provider("demo-cmpp");
        SessionMetrics session = provider.session("0", () -> 3);
        session.submitSent();
        session.submitResponse(0);
        session.submitTimeout();
        session.responseUnmatched();
        provider.reconnect();
        provider.rateLimitWait(5_000_000);
        provider.deliveryReport("DELIVRD");
        provider.unmatchedReport();
        provider.submitToReport(2_000_000_000L);
        provider.moReceived();
        metrics.storeCommit("accept", 500, 3_000_000);
        metrics.resentAfterCrash(2);
        metrics.movedToBackup("demo-cmpp", 3);
        metrics.callbackAttempt(CallbackOutcome.DELIVERED, 4_000_000);
        metrics.callbackGaveUp();
        metrics.registerQueue("store", () -> 7);
        metrics.registerMismatchedReports(() -> 2);
        metrics.registerBacklog("demo-cmpp", "low", "store", () -> 1_000);
        metrics.emailSend("mail", "delivered");
        metrics.click("sms");
        metrics.smtpConnectionOpened("mail");
    }

    @Test
    void everyMeterNamedInTheGatewayMetricsJavadocIsExported() throws IOException {
        exerciseEveryMethod();
        String scrape = metrics.scrape();

        Set<String> documented = documentedNames();
        assertThat(documented).hasSizeGreaterThanOrEqualTo(24);
        for (String name : documented) {
            assertThat(Pattern.compile("(?m)^" + name + "(_bucket|_count|_sum|_max)?[{ ]").matcher(scrape).find())
                .as("%s in%n%s", name, scrape).isTrue();
        }
        assertThat(scrape).contains("jvm_memory_used_bytes", "process_uptime_seconds");
    }

    @Test
    void everySeriesTheGrafanaDashboardQueriesIsExported() throws IOException {
        exerciseEveryMethod();
        String scrape = metrics.scrape();

        String dashboard = Files.readString(Path.of("../grafana/dashboards/cmpp-gateway.json"));
        Matcher m = Pattern.compile("cmppgw_[a-z_]+").matcher(dashboard);
        Set<String> queried = new LinkedHashSet<>();
        while (m.find()) {
            queried.add(m.group());
        }
        assertThat(queried).hasSizeGreaterThanOrEqualTo(20);
        for (String series : queried) {
            assertThat(Pattern.compile("(?m)^" + series + "[{ ]").matcher(scrape).find())
                .as("dashboard series %s is not exported", series).isTrue();
        }
    }

    private static Set<String> documentedNames() throws IOException {
        String source = Files.readString(Path.of("src/main/java/org/cmppgw/gateway/metrics/GatewayMetrics.java"));
        Matcher m = Pattern.compile("\\{@code (cmppgw_[a-z_]+)}").matcher(source);
        Set<String> names = new LinkedHashSet<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void labelsCarryTheBoundedValuesGiven() {
        exerciseEveryMethod();
        ProviderMetrics provider = metrics.provider("demo-cmpp");
        SessionMetrics session = provider.session("1", () -> 0);
        session.submitResponse(8);
        session.submitResponse(70_000);
        provider.deliveryReport("MK:0001");

        String scrape = metrics.scrape();

        assertThat(scrape)
            .contains("cmppgw_api_requests_total{code=\"50000\",endpoint=\"messages\",status=\"200\"} 1.0")
            .contains("cmppgw_api_recipients_rejected_total{code=\"50006\",endpoint=\"messages_batch\"} 2.0")
            .contains("cmppgw_provider_submit_responses_total{provider=\"demo-cmpp\",result=\"8\",session=\"1\"} 1.0")
            .contains("cmppgw_provider_submit_responses_total{provider=\"demo-cmpp\",result=\"other\","
                + "session=\"1\"} 1.0")
            .contains("cmppgw_provider_delivery_reports_total{provider=\"demo-cmpp\",stat=\"other\"} 1.0")
            .contains("cmppgw_provider_delivery_reports_total{provider=\"demo-cmpp\",stat=\"DELIVRD\"} 1.0")
            .contains("cmppgw_queue_depth{queue=\"store\"} 7.0")
            .doesNotContain("MK:0001");
    }

    @Test
    void aSessionsWindowGaugeReadsItsSupplierUntilTheSessionCloses() {
        AtomicInteger inFlight = new AtomicInteger(5);
        ProviderMetrics provider = metrics.provider("p");
        SessionMetrics session = provider.session("0", inFlight::get);

        assertThat(metrics.scrape())
            .contains("cmppgw_provider_window_in_use{provider=\"p\",session=\"0\"} 5.0")
            .contains("cmppgw_provider_sessions_active{provider=\"p\"} 1.0");
        inFlight.set(9);
        assertThat(metrics.scrape()).contains("cmppgw_provider_window_in_use{provider=\"p\",session=\"0\"} 9.0");

        session.close();
        session.close();
        assertThat(metrics.scrape())
            .doesNotContain("cmppgw_provider_window_in_use{provider=\"p\"")
            .contains("cmppgw_provider_sessions_active{provider=\"p\"} 0.0");

        SessionMetrics again = provider.session("0", () -> 2);
        assertThat(metrics.scrape()).contains("cmppgw_provider_window_in_use{provider=\"p\",session=\"0\"} 2.0");
        again.close();
    }

    @Test
    void registeringAQueueAgainReplacesItsSupplier() {
        metrics.registerQueue("callback", () -> 1);
        metrics.registerQueue("callback", () -> 4);

        assertThat(metrics.scrape()).contains("cmppgw_queue_depth{queue=\"callback\"} 4.0");
    }

    @Test
    void theNoOpDefaultsAcceptEveryCall() {
        GatewayMetrics noop = GatewayMetrics.NOOP;
        noop.apiRequest("messages", 200, 50000, 1);
        SessionMetrics session = noop.provider("p").session("0", () -> 1);
        session.submitResponse(0);
        session.close();
        noop.close();

        assertThat(noop.provider("p")).isSameAs(ProviderMetrics.NOOP);
        assertThat(session).isSameAs(SessionMetrics.NOOP);
    }
}
