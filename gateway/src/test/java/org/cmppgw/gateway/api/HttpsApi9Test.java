package org.cmppgw.gateway.api;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.cmppgw.gateway.config.ConfigLoader;
import org.cmppgw.gateway.config.GatewayConfig;
import org.cmppgw.gateway.management.ManagementServer;
import org.cmppgw.gateway.management.ReadinessChecks;
import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 9: HTTPS for the API and the management listener from PEM files, and clear errors for bad ones. */
class HttpsApi9Test {
    private static final String GOOD = "{\"mobile\":\"13800138000\",\"temp_id\":1,\"temp_para\":{\"code\":\"1\"}}";

    @Test
    void theApiAnswersOverHttpsAndNotInPlainText() throws IOException {
        try (ApiFixture api = new ApiFixture(GatewayMetrics.NOOP, TestTls.overrides())) {
            ApiFixture.Answer answer = api.post("/v1/messages", GOOD);

            assertThat(api.base.getScheme()).isEqualTo("https");
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().get("msg_id").asText()).isEqualTo("1");
            try (Socket plain = new Socket("127.0.0.1", api.base.getPort())) {
                plain.setSoTimeout(30_000);
                plain.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                String reply = new String(plain.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertThat(reply).as("no HTTP answer in plain text").doesNotContain("HTTP/1.1");
            }
        }
    }

    @Test
    void theManagementListenerUsesTheSameCertificateWhenAskedTo() throws Exception {
        GatewayConfig config = config(TestTls.overrides()[0], TestTls.overrides()[1], "server.managementTls=true");
        ManagementServer management = new ManagementServer("127.0.0.1", 0, ServerTls.of(config.server()),
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), new ReadinessChecks());
        try {
            int port = management.start().getPort();
            HttpClient client = HttpClient.newBuilder().sslContext(TestTls.clientContext()).build();

            HttpResponse<String> live = client.send(HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + port + "/health/live")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(live.statusCode()).isEqualTo(200);
        } finally {
            management.close();
        }
    }

    @Test
    void missingOrWrongPemFilesStopTheStartNamingTheKey() {
        String key = "server.tlsPrivateKey=" + TestTls.path(TestTls.PRIVATE_KEY);
        GatewayConfig missing = config("server.tlsCertificate=/nonexistent/cert.pem", key);
        GatewayConfig swapped = config("server.tlsCertificate=" + TestTls.path(TestTls.PRIVATE_KEY), key);

        assertThatThrownBy(() -> ServerTls.of(missing.server()))
            .hasMessage("server.tlsCertificate: \"/nonexistent/cert.pem\" (expected: a readable PEM file)");
        assertThatThrownBy(() -> ServerTls.of(swapped.server())).hasMessageStartingWith("server.tlsCertificate: \"")
            .hasMessageEndingWith("; expected: a PEM certificate chain and its unencrypted PKCS#8 private key)");
        assertThatThrownBy(() -> config("server.tlsCertificate=/x.pem")).hasMessageContaining(
            "server.tlsPrivateKey: \"\" (expected: given together with tlsCertificate, or both empty for plain HTTP)");
        assertThatThrownBy(() -> config("server.managementTls=true")).hasMessageContaining(
            "server.managementTls: true (expected: false unless tlsCertificate and tlsPrivateKey are given)");
    }

    private static GatewayConfig config(String... overrides) {
        return new ConfigLoader(Map.of()).parse(ApiFixture.CONFIG, List.of(overrides));
    }
}
