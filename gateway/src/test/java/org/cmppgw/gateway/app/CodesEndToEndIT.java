package org.cmppgw.gateway.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.model.StoredMessage;
import org.cmppgw.simulator.ismg.IsmgConfig;
import org.cmppgw.simulator.ismg.IsmgServer;
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
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A verification code end to end (docs/api.md "Verification codes"): {@code POST /v1/codes} on the shipped
 * configuration, the SMS submitted to the simulated ISMG and delivered, the code read from what was sent, then checked
 * once (valid), twice (50012), and a second code checked after a gateway restart on the same database.
 */
final class CodesEndToEndIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PREFIX = "【CMPPGW】Your code is ";

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aCodeGoesThroughTheCarrierAndIsCheckedBeforeAndAfterARestart() {
        String db = E2e.h2Url(dir);
        List<String> overrides = E2e.overrides(0, db, "sa", "", URI.create("http://127.0.0.1:9/cb"));
        try (IsmgServer ismg = IsmgServer.start(IsmgConfig.defaults().withPort(0), Clock.systemUTC(),
                new SimpleMeterRegistry())) {
            overrides.set(overrides.indexOf("providers[0].port=0"), "providers[0].port=" + ismg.port());
            String second;
            String secondCode;
            try (Gateway gateway = Gateway.start(E2e.config(overrides, "templates[0].type=code"),
                    Clock.systemUTC())) {
                URI api = URI.create("http://127.0.0.1:" + gateway.apiAddress().getPort());
                String first = sendCode(api);
                String code = deliveredCode(gateway, first);
                assertThat(code).matches("[0-9]{6}");

                HttpResponse<String> valid = post(api, "/v1/codes/" + first + "/valid", "{\"code\":\"" + code + "\"}");
                assertThat(valid.statusCode()).as(valid.body()).isEqualTo(200);
                assertThat(read(valid).path("is_valid").asBoolean()).isTrue();
                HttpResponse<String> again = post(api, "/v1/codes/" + first + "/valid", "{\"code\":\"" + code + "\"}");
                assertThat(again.statusCode()).isEqualTo(403);
                assertThat(read(again).path("error").path("code").asInt()).isEqualTo(50012);

                second = sendCode(api);
                secondCode = deliveredCode(gateway, second);
            }
            assertThat(ismg.traffic("901234").snapshot().accepted()).as("the carrier got both codes").isEqualTo(2);

            try (Gateway restarted = Gateway.start(E2e.config(overrides, "templates[0].type=code"),
                    Clock.systemUTC())) {
                URI api = URI.create("http://127.0.0.1:" + restarted.apiAddress().getPort());
                HttpResponse<String> valid = post(api, "/v1/codes/" + second + "/valid",
                    "{\"code\":\"" + secondCode + "\"}");
                assertThat(valid.statusCode()).as(valid.body()).isEqualTo(200);
            }
        }
    }

    private static String sendCode(URI api) {
        HttpResponse<String> sent = post(api, "/v1/codes", "{\"mobile\":\"13800138000\",\"temp_id\":1}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        return read(sent).path("msg_id").asText();
    }

    /** Waits for the carrier's delivery report, then reads the code from the content that was submitted. */
    private static String deliveredCode(Gateway gateway, String msgId) {
        long id = Long.parseUnsignedLong(msgId);
        Await.until("message " + msgId + " delivered", E2e.TIMEOUT, () -> Await.result("find",
            gateway.store().findMessage(id)).map(StoredMessage::status).orElse(null) == MessageStatus.DELIVERED);
        String content = Await.result("find", gateway.store().findMessage(id)).orElseThrow().message().content();
        assertThat(content).startsWith(PREFIX);
        return content.substring(PREFIX.length());
    }

    private static HttpResponse<String> post(URI api, String path, String body) {
        String auth = Base64.getEncoder().encodeToString((E2e.APP_KEY + ":" + E2e.MASTER_SECRET)
            .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(api.resolve(path)).timeout(E2e.TIMEOUT)
            .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + request, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static JsonNode read(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
