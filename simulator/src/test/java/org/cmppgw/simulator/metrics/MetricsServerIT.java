package org.cmppgw.simulator.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.cmppgw.simulator.smtp.SmtpConfig;
import org.cmppgw.simulator.smtp.SmtpSink;
import org.cmppgw.simulator.smtp.TestMail;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsServerIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @Test
    void servesTheSinkCountersInPrometheusTextFormat() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SmtpConfig config = SmtpConfig.defaults().with(Map.of("port", 0, "tlsPort", SmtpConfig.OFF,
            "starttls", false));
        try (SmtpSink sink = new SmtpSink(config, registry).start();
             MetricsServer metrics = MetricsServer.start("127.0.0.1", 0, registry)) {
            TestMail.send(sink.port(), "metrics", "count me");
            HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

            HttpResponse<String> scrape = client.send(get(metrics, "/metrics"), HttpResponse.BodyHandlers.ofString());

            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("content-type")).contains(MetricsServer.CONTENT_TYPE);
            assertThat(scrape.body()).contains("simulator_smtp_messages_total 1.0",
                "simulator_smtp_recipients_total 1.0", "simulator_smtp_rejected_recipients_total 0.0",
                "# HELP simulator_smtp_bytes_total");
            // A second scrape on the same keep-alive client, and the wrong path and method.
            assertThat(client.send(get(metrics, "/metrics"), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
            assertThat(client.send(get(metrics, "/"), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(404);
            HttpRequest post = HttpRequest.newBuilder(uri(metrics, "/metrics")).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
            assertThat(client.send(post, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
        }
    }

    private static HttpRequest get(MetricsServer metrics, String path) {
        return HttpRequest.newBuilder(uri(metrics, path)).timeout(TIMEOUT).GET().build();
    }

    private static URI uri(MetricsServer metrics, String path) {
        return URI.create("http://127.0.0.1:" + metrics.port() + path);
    }
}
