package org.cmppgw.gateway.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cmppgw.gateway.config.ConfigLoader;
import org.cmppgw.gateway.config.GatewayConfig;
import org.cmppgw.simulator.smtp.SmtpConfig;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.fail;

/** Shared pieces of the whole-system tests: configuration, HTTP calls and metric reads. */
final class E2e {
    static final Path CONFIG = Path.of("..", "config", "gateway.yaml");
    static final String APP_KEY = "demo-app-key";
    static final String MASTER_SECRET = "demo-master-secret";
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private E2e() {
    }

    /** The H2 file URL of a database in {@code dir}, as the shipped configuration opens it. */
    static String h2Url(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("cmppgw").toAbsolutePath()
            + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0";
    }

    /**
     * The {@code --set} overrides that point the shipped config/gateway.yaml at test resources: listeners on
     * 127.0.0.1 and free ports, no embedded carrier, the given ISMG, database and callback URL.
     */
    static List<String> overrides(int ismgPort, String dbUrl, String dbUser, String dbPassword, URI callbackUrl) {
        List<String> list = new ArrayList<>(List.of(
            "server.host=127.0.0.1", "server.port=0", "server.managementPort=0",
            "simulator.embedded=false",
            "providers[0].port=" + ismgPort, "providers[0].tps=100000",
            "providers[0].reconnect.initialDelay=100ms", "providers[0].reconnect.maxDelay=500ms",
            "database.url=" + dbUrl, "database.user=" + dbUser,
            "apps[0].callbackUrls[0].url=" + callbackUrl));
        if (!dbPassword.isEmpty()) {
            list.add("database.password=" + dbPassword);
        }
        return list;
    }

    static GatewayConfig config(List<String> overrides, String... more) {
        List<String> all = new ArrayList<>(overrides);
        all.addAll(List.of(more));
        return new ConfigLoader(Map.of()).load(CONFIG, all);
    }

    static HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build());
    }

    /** The management listener's {@code path} (e.g. {@code /metrics}). */
    static HttpResponse<String> management(String host, int port, String path) {
        return get(URI.create("http://" + host + ":" + port + path));
    }

    /**
     * The sum of every sample of {@code name} whose labels contain each of {@code labels} (e.g.
     * {@code outcome="ok"}), from a Prometheus text page; 0 when there is none.
     */
    static double metric(String page, String name, String... labels) {
        double sum = 0;
        for (String line : page.split("\n")) {
            if (!line.startsWith(name) || line.length() == name.length()) {
                continue;
            }
            char next = line.charAt(name.length());
            if (next != '{' && next != ' ') {
                continue;
            }
            boolean match = true;
            for (String label : labels) {
                match &= line.contains(label);
            }
            if (match) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /**
     * The {@code --set} overrides of billing with balance alerts: {@code alertApp} (unbilled) sends them with template
     * 3 every 200 ms; the demo app's industry balance alerts {@code contact} below 100.
     */
    static List<String> billingWithAlerts(String alertApp, String contact) {
        return List.of("billing.enabled=true", "billing.unbilledApps=[" + alertApp + "]",
            "billing.alertApp=" + alertApp, "billing.alertTemplateId=3", "billing.alertInterval=200ms",
            "billing.alerts[0].appKey=" + APP_KEY, "billing.alerts[0].mobiles=[" + contact + "]",
            "billing.alerts[0].industry=100", "templates[1].id=3",
            "templates[1].content=App {{app}}: {{type}} balance {{balance}}, below {{threshold}}");
    }

    /** The {@code --set} overrides of one plain SMTP provider "mail" (no TLS) on 127.0.0.1:{@code port}. */
    static List<String> emailProvider(int port) {
        return List.of("emailProviders[0].name=mail", "emailProviders[0].host=127.0.0.1",
            "emailProviders[0].port=" + port, "emailProviders[0].encryption=NONE",
            "emailProviders[0].senderAddress=noreply@example.com");
    }

    /** The simulator's SMTP sink on {@code port} (0: any free one), plain SMTP only: no STARTTLS, no TLS port. */
    static SmtpConfig plainSmtpSink(int port) {
        return SmtpConfig.defaults().with(Map.of("port", port, "tlsPort", SmtpConfig.OFF, "starttls", false));
    }

    /**
     * POSTs {@code count} recipients to {@code /v1/messages/batch} starting at {@code mobileStart}; returns the
     * msg ids the gateway accepted (the test fails on any refusal).
     */
    static List<String> sendBatch(URI api, long mobileStart, int count) {
        ObjectNode body = JSON.createObjectNode().put("temp_id", 1).put("sign_id", 1);
        ArrayNode recipients = body.putArray("recipients");
        for (int i = 0; i < count; i++) {
            recipients.addObject().put("mobile", Long.toString(mobileStart + i)).putObject("temp_para")
                .put("code", Integer.toString(100000 + i));
        }
        String auth = Base64.getEncoder().encodeToString((APP_KEY + ":" + MASTER_SECRET)
            .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = send(HttpRequest.newBuilder(api.resolve("/v1/messages/batch"))
            .timeout(TIMEOUT).header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
        if (response.statusCode() != 200) {
            fail("batch refused: " + response.statusCode() + " " + response.body());
        }
        JsonNode answer = read(response.body());
        List<String> ids = new ArrayList<>();
        answer.path("recipients").forEach(r -> ids.add(r.path("msg_id").asText()));
        if (ids.size() != count) {
            fail("batch partly refused: " + response.body());
        }
        return ids;
    }

    /** POSTs one message to {@code mobile} to {@code /v1/messages}; the raw answer, whatever its status. */
    static HttpResponse<String> sendOne(URI api, long mobile, Duration timeout) {
        return sendOne(api, mobile, timeout, null);
    }

    /** As {@link #sendOne(URI, long, Duration)}, with an {@code Idempotency-Key} header unless it is null. */
    static HttpResponse<String> sendOne(URI api, long mobile, Duration timeout, String idempotencyKey) {
        String body = JSON.createObjectNode().put("mobile", Long.toString(mobile)).put("temp_id", 1)
            .put("sign_id", 1).set("temp_para", JSON.createObjectNode().put("code", "123456")).toString();
        String auth = Base64.getEncoder().encodeToString((APP_KEY + ":" + MASTER_SECRET)
            .getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve("/v1/messages")).timeout(timeout)
            .header("Authorization", "Basic " + auth).header("Content-Type", "application/json");
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A JSON request with Basic {@code user:password}; the answer. */
    static HttpResponse<String> json(URI uri, String method, String user, String password, String body) {
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Authorization", "Basic " + auth)
            .header("Content-Type", "application/json").method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + json, e);
        }
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + " - " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(request.uri() + " - interrupted", e);
        }
    }

    /**
     * Closes what a test started, in the order given (the gateway before its carrier and sinks), skipping nulls. None
     * of the parts throws a checked exception; should one, it fails the test unchecked.
     */
    static void closeAll(AutoCloseable... parts) {
        for (AutoCloseable part : parts) {
            if (part != null) {
                try {
                    part.close();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(part + " - close failed", e);
                }
            }
        }
    }
}
