package org.cmppgw.simulator.callbacks;

import org.cmppgw.simulator.jsms.JsmsSignature;
import org.cmppgw.simulator.load.LoadConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watcher as the gateway meets it: a server on 127.0.0.1 (port 0), callbacks POSTed with the JDK client, the
 * printed lines captured. Each line is out before the HTTP answer, so no waiting is needed.
 */
class CallbacksServerIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final JsmsSignature SIGNATURE = new JsmsSignature("demo-app-key", "demo-master-secret");

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private CallbacksServer server;

    @BeforeEach
    void start() {
        CallbacksConfig config = CallbacksConfig.of(LoadConfig.defaults())
            .with(Map.of("port", 0));
        server = CallbacksServer.start(config, new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void signedReportAndReplyAreAcknowledgedAndPrintedAsCompactJson() throws Exception {
        String report = "{ \"msgId\": \"912166822986383360\", \"status\": 4001, \"receiveTime\": 1700000000,\n"
            + "  \"phone\": \"13800138000\", \"stat\": \"DELIVRD\" }";
        String reply = "{\"phone\":\"13800138000\",\"replyTime\":1700000001,\"content\":\"TD 退订\"}";

        assertThat(post(signed("SMS_REPORT", "1234567", "1700000000123", report)).statusCode()).isEqualTo(200);
        assertThat(post(signed("SMS_REPLY", "-42", "1700000001000", reply)).statusCode()).isEqualTo(200);

        assertThat(lines()).containsExactly(
            "{\"type\":\"SMS_REPORT\",\"signature\":\"ok\",\"data\":{\"msgId\":\"912166822986383360\","
                + "\"status\":4001,\"receiveTime\":1700000000,\"phone\":\"13800138000\",\"stat\":\"DELIVRD\"}}",
            "{\"type\":\"SMS_REPLY\",\"signature\":\"ok\",\"data\":{\"phone\":\"13800138000\","
                + "\"replyTime\":1700000001,\"content\":\"TD 退订\"}}");
    }

    @Test
    void badSignatureIsRefusedWith401AndPrintedAsBad() throws Exception {
        Map<String, String> form = signed("SMS_REPORT", "1", "2", "{\"msgId\":\"7\",\"status\":4001}");
        form.put("signature", new JsmsSignature("demo-app-key", "another-secret").sign("1", "2"));

        HttpResponse<String> response = post(form);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("bad signature\n");
        assertThat(lines()).containsExactly(
            "{\"type\":\"SMS_REPORT\",\"signature\":\"bad\",\"data\":{\"msgId\":\"7\",\"status\":4001}}");
    }

    @Test
    void dataThatIsNotJsonIsAcknowledgedAndPrintedAsText() throws Exception {
        assertThat(post(signed("EMAIL_REPORT", "5", "6", "{\"a\":1} trailing")).statusCode()).isEqualTo(200);

        assertThat(lines()).containsExactly(
            "{\"type\":\"EMAIL_REPORT\",\"signature\":\"ok\",\"data\":\"{\\\"a\\\":1} trailing\"}");
    }

    @Test
    void formWithoutAllFieldsIsRefusedWith400AndPrintedAsAnError() throws Exception {
        Map<String, String> form = signed("SMS_REPORT", "1", "2", "{}");
        form.remove("nonce");

        assertThat(post(form).statusCode()).isEqualTo(400);
        assertThat(lines()).containsExactly("{\"error\":\"missing field nonce\",\"body\":\"" + encode(form) + "\"}");
    }

    @Test
    void echostrVerificationIsEchoedAndOtherPathsAreNotFound() throws Exception {
        HttpResponse<String> echo = get(server.uri() + "?echostr=abc%20123");
        HttpResponse<String> missing = get(server.uri().toString());
        HttpResponse<String> elsewhere = get(server.uri().resolve("/other?echostr=x").toString());

        assertThat(echo.statusCode()).isEqualTo(200);
        assertThat(echo.body()).isEqualTo("abc 123");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        assertThat(lines()).isEmpty();
    }

    @Test
    void uriIsWhereTheServerListens() {
        URI uri = server.uri();

        assertThat(uri.getHost()).isEqualTo("127.0.0.1");
        assertThat(uri.getPort()).isPositive();
        assertThat(uri.getPath()).isEqualTo("/callback");
    }

    private static Map<String, String> signed(String type, String nonce, String timestamp, String data) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("nonce", nonce);
        form.put("timestamp", timestamp);
        form.put("signature", SIGNATURE.sign(nonce, timestamp));
        form.put("type", type);
        form.put("data", data);
        return form;
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    }

    private HttpResponse<String> post(Map<String, String> form) throws Exception {
        return client.send(HttpRequest.newBuilder(server.uri()).timeout(TIMEOUT)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String uri) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(uri)).timeout(TIMEOUT).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private List<String> lines() {
        return printed.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
