package org.cmppgw.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cmppgw.gateway.app.Gateway;
import org.cmppgw.gateway.config.ConfigLoader;
import org.cmppgw.testing.Await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.fail;

/**
 * Our gateway in this JVM, as the shipped config/gateway.yaml runs it, pointed at a carrier on 127.0.0.1: H2 in a
 * test directory, the API and management on free ports, callbacks to a {@link CallbackReceiver}. Template 1 is the
 * shipped one-part code message; template 2, added here, is 5 UCS2 parts long (docs/cmpp-protocol.md §9).
 */
final class GatewayUnderTest implements AutoCloseable {
    static final int SHORT_TEMPLATE = 1;
    static final int LONG_TEMPLATE = 2;
    static final int LONG_PARTS = 5;
    private static final Path CONFIG = Path.of("..", "..", "config", "gateway.yaml");
    private static final String APP_KEY = "demo-app-key";
    private static final String MASTER_SECRET = "demo-master-secret";
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** One recorded SUBMIT_RESP of a part: the carrier Msg_Id (16 hex digits) and the message's mobile. */
    record CarrierSubmit(long msgId, int partNo, String mobile, String carrierMsgId) {
    }

    private final CallbackReceiver callbacks;
    private final Gateway gateway;
    private final String dbUrl;

    private GatewayUnderTest(CallbackReceiver callbacks, Gateway gateway, String dbUrl) {
        this.callbacks = callbacks;
        this.gateway = gateway;
        this.dbUrl = dbUrl;
    }

    /**
     * Starts a gateway whose one provider logs in to 127.0.0.1:{@code ismgPort} over CMPP {@code version} with
     * {@code connections} connections; {@code more} are further {@code --set} overrides.
     */
    static GatewayUnderTest start(Path dir, int ismgPort, String version, int connections, String... more) {
        String dbUrl = "jdbc:h2:file:" + dir.resolve("db").resolve("cmppgw").toAbsolutePath()
            + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0";
        CallbackReceiver callbacks = new CallbackReceiver(APP_KEY, MASTER_SECRET);
        List<String> overrides = new ArrayList<>(List.of(
            "server.host=127.0.0.1", "server.port=0", "server.managementPort=0", "simulator.embedded=false",
            "providers[0].port=" + ismgPort, "providers[0].version=" + version,
            "providers[0].connections=" + connections, "providers[0].tps=100000",
            "providers[0].reconnect.initialDelay=100ms", "providers[0].reconnect.maxDelay=500ms",
            "database.url=" + dbUrl, "apps[0].callbackUrls[0].url=" + callbacks.uri(),
            "templates[1].id=" + LONG_TEMPLATE, "templates[1].content=" + longTemplate()));
        overrides.addAll(List.of(more));
        try {
            Gateway gateway = Gateway.start(new ConfigLoader(Map.of()).load(CONFIG, overrides), Clock.systemUTC());
            return new GatewayUnderTest(callbacks, gateway, dbUrl);
        } catch (RuntimeException e) {
            callbacks.close();
            throw e;
        }
    }

    /** Code {{code}}, then Chinese up to 300 characters with the signature: 5 parts of 67 UCS2 units. */
    private static String longTemplate() {
        StringBuilder sb = new StringBuilder("验证码{{code}}，");
        String filler = "互通测试长短信的内容";
        while (sb.length() < 290) {
            sb.append(filler);
        }
        return sb.substring(0, 290);
    }

    CallbackReceiver callbacks() {
        return callbacks;
    }

    /** Waits until the provider has {@code connections} sessions logged in (from {@code /metrics}). */
    void awaitConnections(int connections) {
        Await.until("gateway logged in with " + connections + " connections", SmsGatePeerProcess.TIMEOUT,
            () -> metric("cmppgw_provider_sessions_active") >= connections, () -> metrics());
    }

    /** POSTs {@code count} recipients from {@code mobileStart} on {@code template}; returns the accepted msg ids. */
    List<String> sendBatch(int template, long mobileStart, int count) {
        ObjectNode body = JSON.createObjectNode().put("temp_id", template).put("sign_id", 1);
        ArrayNode recipients = body.putArray("recipients");
        for (int i = 0; i < count; i++) {
            recipients.addObject().put("mobile", Long.toString(mobileStart + i)).putObject("temp_para")
                .put("code", Integer.toString(100000 + i));
        }
        String auth = Base64.getEncoder().encodeToString((APP_KEY + ":" + MASTER_SECRET)
            .getBytes(StandardCharsets.UTF_8));
        URI uri = URI.create("http://127.0.0.1:" + gateway.apiAddress().getPort() + "/v1/messages/batch");
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri).timeout(HTTP_TIMEOUT)
            .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
        List<String> ids = new ArrayList<>();
        read(response.body()).path("recipients").forEach(r -> ids.add(r.path("msg_id").asText()));
        if (response.statusCode() != 200 || ids.size() != count || ids.contains("")) {
            fail("batch refused: " + response.statusCode() + " " + response.body());
        }
        return ids;
    }

    /** Every recorded SUBMIT_RESP, with the mobile of its message, read from the store. */
    List<CarrierSubmit> carrierSubmits() {
        String sql = "SELECT c.msg_id, c.part_no, m.mobile, c.carrier_msg_id FROM carrier_submit c"
            + " JOIN message m ON m.msg_id = c.msg_id ORDER BY c.id";
        List<CarrierSubmit> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(dbUrl, "sa", "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(new CarrierSubmit(rs.getLong(1), rs.getInt(2), rs.getString(3),
                    String.format("%016X", rs.getLong(4))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(dbUrl + " - " + sql + " failed", e);
        }
        return rows;
    }

    /** The mobile of every accepted message, by the gateway's msg id. */
    Map<String, String> mobiles() {
        Map<String, String> mobiles = new HashMap<>();
        try (Connection c = DriverManager.getConnection(dbUrl, "sa", "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT msg_id, mobile FROM message")) {
            while (rs.next()) {
                mobiles.put(Long.toString(rs.getLong(1)), rs.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(dbUrl + " - reading the messages failed", e);
        }
        return mobiles;
    }

    /** The gateway's Prometheus page. */
    String metrics() {
        URI uri = URI.create("http://127.0.0.1:" + gateway.managementAddress().getPort() + "/metrics");
        return send(HttpRequest.newBuilder(uri).timeout(HTTP_TIMEOUT).GET().build()).body();
    }

    /** The sum of every sample of {@code name} whose line contains each of {@code labels}; 0 when none. */
    double metric(String name, String... labels) {
        double sum = 0;
        for (String line : metrics().split("\n")) {
            if (!line.startsWith(name) || line.length() == name.length()
                || line.charAt(name.length()) != '{' && line.charAt(name.length()) != ' ') {
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

    @Override
    public void close() {
        try {
            gateway.close();
        } finally {
            callbacks.close();
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.uri() + " - " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(request.uri() + " - interrupted", e);
        }
    }
}
