package org.cmppgw.gateway.management;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.cmppgw.gateway.metrics.PrometheusGatewayMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManagementServerTest {
    private final PrometheusGatewayMetrics metrics = new PrometheusGatewayMetrics();
    private final ReadinessChecks readiness = new ReadinessChecks();
    private final ManagementServer server = new ManagementServer("127.0.0.1", 0, metrics.registry(), readiness);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private URI base;

    @BeforeEach
    void start() {
        base = URI.create("http://127.0.0.1:" + server.start().getPort());
    }

    @AfterEach
    void stop() {
        server.close();
        metrics.close();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsServesThePrometheusTextOfTheRegistry() throws Exception {
        metrics.apiRequest("messages", 200, 50000, 1_000_000);

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type"))
            .hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.body())
            .contains("cmppgw_api_requests_total{code=\"50000\",endpoint=\"messages\",status=\"200\"} 1.0")
            .contains("# TYPE cmppgw_api_request_duration_seconds histogram");
    }

    @Test
    void livenessIsAlways200() throws Exception {
        readiness.register("database", () -> false);

        HttpResponse<String> response = get("/health/live");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void readinessFollowsEveryRegisteredCheck() throws Exception {
        AtomicBoolean database = new AtomicBoolean(false);
        AtomicBoolean providers = new AtomicBoolean(false);
        readiness.register("database", database::get).register("providers", providers::get);

        HttpResponse<String> bothDown = get("/health/ready");
        database.set(true);
        HttpResponse<String> oneDown = get("/health/ready");
        providers.set(true);
        HttpResponse<String> up = get("/health/ready");
        database.set(false);
        HttpResponse<String> downAgain = get("/health/ready");

        assertThat(bothDown.statusCode()).isEqualTo(503);
        assertThat(bothDown.body()).isEqualTo("{\"status\":\"DOWN\",\"checks\":{\"database\":\"DOWN\","
            + "\"providers\":\"DOWN\"},\"failing\":[\"database\",\"providers\"]}");
        assertThat(oneDown.statusCode()).isEqualTo(503);
        assertThat(new ObjectMapper().readTree(oneDown.body()).get("failing").toString())
            .isEqualTo("[\"providers\"]");
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(up.body()).isEqualTo("{\"status\":\"UP\",\"checks\":{\"database\":\"UP\",\"providers\":\"UP\"},"
            + "\"failing\":[]}");
        assertThat(downAgain.statusCode()).isEqualTo(503);
    }

    @Test
    void aCheckThatThrowsCountsAsFailingAndRemovedChecksStopCounting() throws Exception {
        readiness.register("broken", () -> {
            throw new IllegalStateException("boom");
        });

        HttpResponse<String> broken = get("/health/ready");
        readiness.unregister("broken");
        HttpResponse<String> none = get("/health/ready");

        assertThat(broken.statusCode()).isEqualTo(503);
        assertThat(broken.body()).contains("\"failing\":[\"broken\"]");
        assertThat(none.statusCode()).isEqualTo(200);
    }

    @Test
    void checkNamesAreUnique() {
        readiness.register("database", () -> true);

        assertThatThrownBy(() -> readiness.register("database", () -> true))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("name: \"database\" (expected: a name not yet registered)");
    }

    @Test
    void otherPathsAre404AndOtherMethods405() throws Exception {
        HttpResponse<String> missing = get("/health");
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(base.resolve("/metrics"))
            .POST(HttpRequest.BodyPublishers.ofString("x")).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).hasValue("GET, HEAD");
    }
}
