package org.cmppgw.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.cmppgw.gateway.codes.VerificationCodes;
import org.cmppgw.gateway.config.ConfigLoader;
import org.cmppgw.gateway.config.GatewayConfig;
import org.cmppgw.gateway.intake.rules.AdmissionRules;
import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.cmppgw.testing.MutableClock;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A running {@link HttpApiServer} on 127.0.0.1, port 0, with a {@link RecordingIntake} and a JDK HTTP client. */
final class ApiFixture implements AutoCloseable {
    static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    static final String JSON = "application/json";
    static final String CONFIG = String.join("\n",
        "server: {host: 127.0.0.1, port: 0, managementPort: 0, maxRequestSize: 64KB}",
        "apps:",
        "  - appKey: app-a",
        "    masterSecret: secret-a",
        "    callbackUrls: [{url: 'http://127.0.0.1:9/cb', default: true}, {url: 'http://127.0.0.1:9/other'}]",
        "    defaultSignId: 1",
        "  - appKey: limited",
        "    masterSecret: secret-l",
        "    callbackUrls: [{url: 'http://127.0.0.1:9/cb', default: true}]",
        "    defaultSignId: 1",
        "    rateLimit: 1",
        "  - appKey: fenced",
        "    masterSecret: secret-f",
        "    callbackUrls: [{url: 'http://127.0.0.1:9/cb', default: true}]",
        "    allowedIps: [10.1.2.3, 192.168.0.0/16]",
        "    defaultSignId: 1",
        "  - appKey: local",
        "    masterSecret: secret-local",
        "    callbackUrls: [{url: 'http://127.0.0.1:9/cb', default: true}]",
        "    allowedIps: [127.0.0.0/8]",
        "  - appKey: unsigned",
        "    masterSecret: secret-u",
        "    callbackUrls: [{url: 'http://127.0.0.1:9/cb', default: true}]",
        "  - appKey: inactive",
        "    masterSecret: secret-i",
        "    callbackUrls: [{url: 'http://127.0.0.1:9/cb', default: true}]",
        "    defaultSignId: 1",
        "    sms: false",
        "signatures: [{id: 1, text: CMPPGW}, {id: 2, text: Other}]",
        "templates:",
        "  - {id: 1, content: 'Your code is {{code}}', type: code}",
        "  - {id: 2, content: 'Pending {{x}}', approved: false}",
        "  - {id: 3, content: 'Notice: {{text}}'}",
        "providers: [{name: p, host: 127.0.0.1, port: 7890, account: '901234', password: pw, accessNumber: '1069'}]",
        "admission: {sensitiveWords: [赌博, Casino]}",
        "");
    static final ObjectMapper MAPPER = new ObjectMapper();

    final RecordingIntake intake = new RecordingIntake();
    final MutableClock clock = new MutableClock(NOW);
    final AdmissionRules rules;
    final HttpApiServer server;
    final URI base;
    final HttpClient client;

    ApiFixture(GatewayMetrics metrics, String... overrides) {
        this(metrics, null, overrides);
    }

    /**
     * @param codes builds the verification codes of {@code /v1/codes} on the fixture's clock; null = no such routes
     */
    ApiFixture(GatewayMetrics metrics, Function<MutableClock, VerificationCodes> codes, String... overrides) {
        GatewayConfig config = new ConfigLoader(Map.of()).parse(CONFIG, List.of(overrides));
        rules = AdmissionRules.inMemory(config.admission());
        ApiServices services = ApiServices.of(intake, config).withRules(rules);
        server = new HttpApiServer(config, codes == null ? services : services.withCodes(codes.apply(clock)), metrics,
            clock, clock::nanoTime);
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10));
        client = (config.server().tls() ? builder.sslContext(TestTls.clientContext()) : builder).build();
        base = URI.create((config.server().tls() ? "https" : "http") + "://127.0.0.1:" + server.start().getPort());
    }

    static String basic(String appKey, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((appKey + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** The answer: status, JSON body (null if none), raw response. */
    record Answer(int status, JsonNode json, HttpResponse<String> raw) {
        int code() {
            return json.path("error").path("code").asInt();
        }

        String message() {
            return json.path("error").path("message").asText();
        }
    }

    Answer post(String path, String authorization, String contentType, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
            .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b.build());
    }

    Answer post(String path, String body) {
        return post(path, basic("app-a", "secret-a"), JSON, body);
    }

    /** A POST of raw bytes as app-a, for bodies that are not text. */
    Answer postBytes(String path, byte[] body) {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Authorization", basic("app-a", "secret-a"))
            .header("Content-Type", JSON).build());
    }

    Answer send(HttpRequest request) {
        return send(client, request);
    }

    /** Sends with {@code client}; the body read as JSON when it is JSON. */
    static Answer send(HttpClient client, HttpRequest request) {
        return new Answerer(client).send(request);
    }

    /** Sends a request and reads its answer. */
    record Answerer(HttpClient client) {
        Answer send(HttpRequest request) {
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                JsonNode json = response.body().isEmpty() || !response.headers().firstValue("Content-Type")
                    .orElse("").startsWith("application/json") ? null : MAPPER.readTree(response.body());
                return new Answer(response.statusCode(), json, response);
            } catch (IOException e) {
                throw new AssertionError("request failed: " + request, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        server.close();
        rules.standing().close();
        intake.close();
    }
}
