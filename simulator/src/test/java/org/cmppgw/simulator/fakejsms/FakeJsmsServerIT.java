package org.cmppgw.simulator.fakejsms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.cmppgw.simulator.jsms.JsmsSignature;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The fake JSMS endpoint's API checks and callbacks, driven by the JDK's HTTP client and server. */
class FakeJsmsServerIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTH = "Basic " + Base64.getEncoder()
        .encodeToString("demo-app-key:demo-master-secret".getBytes(StandardCharsets.UTF_8));

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private FakeJsmsServer fake;

    @BeforeEach
    void start() {
        fake = FakeJsmsServer.start(FakeJsmsConfig.defaults());
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void requestsFailWithTheJsmsCodesInTheOrderAClientMeetsThem() throws Exception {
        String body = "{\"mobile\":\"13800000000\",\"temp_id\":1}";
        assertError(send("/v1/nothing", "POST", AUTH, "application/json", body), 404, 50016);
        assertError(send("/v1/messages", "GET", AUTH, "application/json", null), 405, 50018);
        assertError(send("/v1/messages", "POST", null, "application/json", body), 400, 50001);
        assertError(send("/v1/messages", "POST", "Basic " + Base64.getEncoder().encodeToString(
            "demo-app-key:wrong".getBytes(StandardCharsets.UTF_8)), "application/json", body), 401, 50002);
        assertError(send("/v1/messages", "POST", AUTH, "text/plain", body), 415, 50017);
        assertError(send("/v1/messages", "POST", AUTH, "application/json", ""), 400, 50003);
        assertError(send("/v1/messages", "POST", AUTH, "application/json", "{broken"), 400, 50007);
        assertError(send("/v1/messages", "POST", AUTH, "application/json", "{\"mobile\":\"13800000000\"}"), 400,
            50005);
        assertError(send("/v1/messages", "POST", AUTH, "application/json", "{\"temp_id\":1}"), 400, 50004);
        assertError(send("/v1/messages", "POST", AUTH, "application/json",
            "{\"mobile\":\"12345\",\"temp_id\":1}"), 403, 50006);
        assertError(send("/v1/messages/batch", "POST", AUTH, "application/json",
            "{\"temp_id\":1,\"recipients\":[]}"), 403, 50030);
        assertThat(fake.stats().accepted()).isZero();
        assertThat(fake.stats().rejected()).isEqualTo(11);
    }

    @Test
    void singleSendReturnsAMsgIdAndAcceptsThePlus86Form() throws Exception {
        HttpResponse<String> response = send("/v1/messages", "POST", AUTH, "application/json; charset=utf-8",
            "{\"mobile\":\"+8613800000000\",\"temp_id\":1,\"temp_para\":{\"code\":\"1\"}}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("msg_id").asText()).matches("\\d{13}");
        assertThat(fake.stats().accepted()).isEqualTo(1);
        assertThat(fake.stats().skipped()).isEqualTo(1);
    }

    @Test
    void batchAcceptsGoodRecipientsAndListsTheOthers() throws Exception {
        HttpResponse<String> response = send("/v1/messages/batch", "POST", AUTH, "application/json",
            "{\"temp_id\":1,\"recipients\":[{\"mobile\":\"13800000001\"},{\"mobile\":\"999\",\"temp_para\":"
                + "{\"code\":\"7\"}},{\"temp_para\":{}},{\"mobile\":\"8613900000002\"}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("success_count").asInt()).isEqualTo(2);
        assertThat(body.get("failure_count").asInt()).isEqualTo(2);
        assertThat(body.get("recipients")).extracting(r -> r.get("mobile").asText())
            .containsExactly("13800000001", "13900000002");
        assertThat(body.get("recipients").get(0).get("msg_id").asText())
            .isNotEqualTo(body.get("recipients").get(1).get("msg_id").asText());
        assertThat(body.get("failure_recipients")).extracting(r -> r.get("error_code").asText())
            .containsExactly("50006", "50004");
        assertThat(body.get("failure_recipients").get(0).get("temp_para").get("code").asText()).isEqualTo("7");
    }

    @Test
    void batchOfMoreThanAThousandIsRefused() throws Exception {
        StringBuilder recipients = new StringBuilder();
        for (int i = 0; i < 1001; i++) {
            recipients.append(i == 0 ? "" : ",").append("{\"mobile\":\"1380000").append(1000 + i).append("\"}");
        }
        assertError(send("/v1/messages/batch", "POST", AUTH, "application/json",
            "{\"temp_id\":1,\"recipients\":[" + recipients + "]}"), 403, 50031);
    }

    @Test
    void reportIsSignedFormDataAndRetriedUntil200() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        List<Map<String, String>> forms = new CopyOnWriteArrayList<>();
        CountDownLatch delivered = new CountDownLatch(1);
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/cb", exchange -> {
            forms.add(parseForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            int status = attempts.incrementAndGet() == 1 ? 500 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            if (status == 200) {
                delivered.countDown();
            }
        });
        receiver.start();
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/cb";
            HttpResponse<String> response = send("/v1/messages", "POST", AUTH, "application/json",
                "{\"mobile\":\"13800000009\",\"temp_id\":1,\"callback_url\":\"" + url + "\"}");
            String msgId = JSON.readTree(response.body()).get("msg_id").asText();

            assertThat(delivered.await(30, TimeUnit.SECONDS)).isTrue();

            assertThat(forms).hasSize(2);
            Map<String, String> form = forms.get(1);
            assertThat(form.get("type")).isEqualTo("SMS_REPORT");
            assertThat(new JsmsSignature("demo-app-key", "demo-master-secret")
                .verify(form.get("nonce"), form.get("timestamp"), form.get("signature"))).isTrue();
            JsonNode data = JSON.readTree(form.get("data"));
            assertThat(data.get("msgId").asText()).isEqualTo(msgId);
            assertThat(data.get("status").asInt()).isEqualTo(4001);
            assertThat(data.get("stat").asText()).isEqualTo("DELIVRD");
            assertThat(data.get("phone").asText()).isEqualTo("13800000009");
            assertThat(data.get("receiveTime").asLong()).isPositive();
            assertThat(fake.stats().failedAttempts()).isEqualTo(1);
            // The receiver answers before the fake reads the 200 and counts it: wait for the count.
            Await.until("the fake counted the 200", () -> fake.stats().delivered() > 0);
            assertThat(fake.stats().delivered()).isEqualTo(1);
        } finally {
            receiver.stop(0);
        }
    }

    private HttpResponse<String> send(String path, String method, String auth, String type, String body)
        throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fake.uri() + path)).timeout(TIMEOUT)
            .header("Content-Type", type)
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (auth != null) {
            request.header("Authorization", auth);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> response, int status, int code) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(JSON.readTree(response.body()).path("error").path("code").asInt()).isEqualTo(code);
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            form.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }
}
