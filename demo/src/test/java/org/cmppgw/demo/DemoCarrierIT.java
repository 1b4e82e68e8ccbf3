package org.cmppgw.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.cmppgw.gateway.app.Gateway;
import org.cmppgw.gateway.config.ConfigLoader;
import org.cmppgw.gateway.config.GatewayConfig;
import org.cmppgw.simulator.http.HttpServers;
import org.cmppgw.simulator.jsms.CallbackEndpoint;
import org.cmppgw.simulator.jsms.CallbackListener;
import org.cmppgw.simulator.jsms.JsmsCallback;
import org.cmppgw.simulator.jsms.JsmsSignature;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's demo in-process: the shipped config/gateway.yaml with {@code simulator.embedded: true} and this module
 * on the class path, so the gateway finds {@link DemoCarrier} through {@code META-INF/services}, logs in to it, and
 * one message sent through the HTTP API comes back to the app as an SMS_REPORT callback (docs/api.md).
 */
final class DemoCarrierIT {
    private static final Path CONFIG = Path.of("..", "config", "gateway.yaml");
    private static final String APP_KEY = "demo-app-key";
    private static final String MASTER_SECRET = "demo-master-secret";
    private static final String ACCOUNT = "901234";
    private static final String README_BODY =
        "{\"mobile\":\"13800138000\",\"temp_id\":1,\"temp_para\":{\"code\":\"123456\"}}";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void theEmbeddedCarrierDeliversOneMessageAndItsReport(@TempDir Path dir) throws IOException {
        int carrierPort = freePort();
        Map<String, JsonNode> reports = new ConcurrentHashMap<>();
        EventLoopGroup sinkLoop = new NioEventLoopGroup(1, new DefaultThreadFactory("sink", true));
        try {
            CallbackEndpoint endpoint = new CallbackEndpoint("/callback", new JsmsSignature(APP_KEY, MASTER_SECRET),
                new ReportListener(reports));
            Channel sink = HttpServers.bind(sinkLoop, "127.0.0.1", 0, 64 * 1024, () -> endpoint);
            GatewayConfig config = new ConfigLoader(Map.of()).load(CONFIG, List.of(
                "server.host=127.0.0.1", "server.port=0", "server.managementPort=0",
                "simulator.embedded=true", "simulator.port=" + carrierPort, "providers[0].port=" + carrierPort,
                "database.url=jdbc:h2:file:" + dir.resolve("cmppgw").toAbsolutePath()
                    + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0",
                "apps[0].callbackUrls[0].url=http://127.0.0.1:" + HttpServers.port(sink) + "/callback"));

            try (Gateway gateway = Gateway.start(config, Clock.systemUTC())) {
                assertThat(gateway.carrier()).isInstanceOf(DemoCarrier.Started.class);
                assertThat(gateway.carrier().localAddress().getPort()).isEqualTo(carrierPort);
                URI management = URI.create("http://127.0.0.1:" + gateway.managementAddress().getPort());
                Await.until("readiness", TIMEOUT, () -> get(management.resolve("/health/ready")).statusCode() == 200);

                HttpResponse<String> sent = send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gateway.apiAddress().getPort() + "/v1/messages"))
                    .timeout(TIMEOUT)
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (APP_KEY + ":" + MASTER_SECRET).getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(README_BODY)).build());
                assertThat(sent.statusCode()).as("send %s", sent.body()).isEqualTo(200);
                String msgId = JSON.readTree(sent.body()).path("msg_id").asText();
                assertThat(msgId).isNotEmpty();

                Await.until("the SMS_REPORT of " + msgId, TIMEOUT, () -> reports.containsKey(msgId));
                assertThat(reports.get(msgId).path("status").asInt()).as("report %s", reports.get(msgId))
                    .isEqualTo(4001);
                DemoCarrier.Started carrier = (DemoCarrier.Started) gateway.carrier();
                assertThat(carrier.server().traffic(ACCOUNT).snapshot().accepted()).isEqualTo(1);
                assertThat(get(management.resolve("/metrics")).body()).as("the carrier's meters stay its own")
                    .contains("cmppgw_").doesNotContain("cmpp_ismg");
            }
            sink.close().awaitUninterruptibly();
        } finally {
            sinkLoop.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + " - " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(request.uri() + " - interrupted", e);
        }
    }

    /** The app's receiver: every SMS_REPORT's data by msg id. */
    private record ReportListener(Map<String, JsonNode> reports) implements CallbackListener {
        @Override
        public boolean onCallback(JsmsCallback callback) {
            JsonNode data = callback.dataJson().orElse(null);
            if (data == null) {
                return false;
            }
            if ("SMS_REPORT".equals(callback.type())) {
                reports.put(data.path("msgId").asText(), data);
            }
            return true;
        }

        @Override
        public void onBadSignature(JsmsCallback callback) {
        }

        @Override
        public void onMalformed(String problem, String body) {
        }
    }
}
