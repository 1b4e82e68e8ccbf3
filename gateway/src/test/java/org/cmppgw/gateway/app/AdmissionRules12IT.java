package org.cmppgw.gateway.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cmppgw.simulator.ismg.IsmgConfig;
import org.cmppgw.simulator.ismg.IsmgServer;
import org.cmppgw.simulator.ismg.MoConfig;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admission rules end to end (docs/api.md, "Admission rules"): the simulator's carrier sends a real MO of "TD",
 * and from then on the app's marketing to that mobile is 50024; a batch over the marketing limit fails its extra
 * recipients in {@code failure_recipients} and sends the rest; the counts hold across a gateway restart.
 */
class AdmissionRules12IT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SUBSCRIBER = "13800138000";
    private static final String[] MARKETING = {
        "templates[1].id=2", "templates[1].content=Sale {{n}}", "templates[1].type=marketing"};

    @TempDir
    Path dir;

    private static String[] overrides(IsmgServer ismg, CallbackSink sink, String url) {
        List<String> all = new ArrayList<>(E2e.overrides(ismg.port(), url, "sa", "", sink.uri()));
        all.addAll(List.of(MARKETING));
        return all.toArray(String[]::new);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void anMoOfTdFromTheCarrierUnsubscribesTheMobileFromTheAppsMarketing() throws Exception {
        MoConfig mo = new MoConfig(5.0, null, null, List.of(""), List.of(SUBSCRIBER), List.of("TD"), null, 0.0);
        String url = E2e.h2Url(dir);
        try (IsmgServer ismg = IsmgServer.start(new IsmgConfig(null, 0, 0, null, null, null, null, mo),
                 Clock.systemUTC(), new SimpleMeterRegistry());
             CallbackSink sink = CallbackSink.start();
             Gateway gateway = Gateway.start(E2e.config(List.of(overrides(ismg, sink, url))), Clock.systemUTC())) {
            URI api = URI.create("http://127.0.0.1:" + gateway.apiAddress().getPort());
            Await.until("an MO reached the app", E2e.TIMEOUT, () -> !sink.replies().isEmpty(), sink::replies);

            HttpResponse<String> marketing = send(api, "/v1/messages",
                "{\"mobile\":\"" + SUBSCRIBER + "\",\"temp_id\":2,\"temp_para\":{\"n\":\"1\"}}");
            HttpResponse<String> notification = send(api, "/v1/messages",
                "{\"mobile\":\"" + SUBSCRIBER + "\",\"temp_id\":1,\"temp_para\":{\"code\":\"1\"}}");
            HttpResponse<String> otherMobile = send(api, "/v1/messages",
                "{\"mobile\":\"13900139000\",\"temp_id\":2,\"temp_para\":{\"n\":\"1\"}}");

            assertThat(marketing.statusCode()).isEqualTo(403);
            assertThat(marketing.body()).isEqualTo("{\"error\":{\"code\":50024,\"message\":\"unsubscribed mobile\"}}");
            assertThat(notification.statusCode()).as(notification.body()).isEqualTo(200);
            assertThat(otherMobile.statusCode()).as(otherMobile.body()).isEqualTo(200);
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aBatchOverTheMarketingLimitFailsItsExtraRecipientsAndTheCountSurvivesARestart() throws Exception {
        String url = E2e.h2Url(dir);
        try (IsmgServer ismg = IsmgServer.start(IsmgConfig.defaults().withPort(0).withMetricsPort(0),
                 Clock.systemUTC(), new SimpleMeterRegistry());
             CallbackSink sink = CallbackSink.start()) {
            String[] config = overrides(ismg, sink, url);
            try (Gateway gateway = Gateway.start(E2e.config(List.of(config)), Clock.systemUTC())) {
                URI api = URI.create("http://127.0.0.1:" + gateway.apiAddress().getPort());
                HttpResponse<String> batch = send(api, "/v1/messages/batch", "{\"temp_id\":2,\"recipients\":["
                    + "{\"mobile\":\"13700137000\",\"temp_para\":{\"n\":\"1\"}},"
                    + "{\"mobile\":\"13700137000\",\"temp_para\":{\"n\":\"2\"}},"
                    + "{\"mobile\":\"13700137001\",\"temp_para\":{\"n\":\"1\"}},"
                    + "{\"mobile\":\"13700137000\",\"temp_para\":{\"n\":\"1\"}}]}");

                assertThat(batch.statusCode()).isEqualTo(200);
                JsonNode answer = JSON.readTree(batch.body());
                assertThat(answer.get("success_count").asInt()).as(batch.body()).isEqualTo(3);
                assertThat(answer.get("failure_recipients").findValuesAsText("error_code"))
                    .as("the same text again within 60 s").containsExactly("50034");
                assertThat(answer.get("failure_recipients").get(0).get("temp_para").get("n").asText()).isEqualTo("1");
            }
            try (Gateway restarted = Gateway.start(E2e.config(List.of(config)), Clock.systemUTC())) {
                URI api = URI.create("http://127.0.0.1:" + restarted.apiAddress().getPort());
                assertThat(send(api, "/v1/messages", "{\"mobile\":\"13700137000\",\"temp_id\":2,"
                    + "\"temp_para\":{\"n\":\"3\"}}").statusCode()).as("3rd marketing in 10 min").isEqualTo(200);
                HttpResponse<String> fourth = send(api, "/v1/messages", "{\"mobile\":\"13700137000\",\"temp_id\":2,"
                    + "\"temp_para\":{\"n\":\"4\"}}");
                assertThat(fourth.statusCode()).isEqualTo(403);
                assertThat(fourth.body()).isEqualTo("{\"error\":{\"code\":50009,\"message\":\"out of freq\"}}");
            }
        }
    }

    private static HttpResponse<String> send(URI api, String path, String body)
            throws IOException, InterruptedException {
        String auth = Base64.getEncoder().encodeToString((E2e.APP_KEY + ":" + E2e.MASTER_SECRET)
            .getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(api.resolve(path)).timeout(E2e.TIMEOUT)
            .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
