package org.cmppgw.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.cmppgw.gateway.intake.AcceptedMessage;
import org.cmppgw.gateway.model.MessagePriority;
import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class HttpApiServerTest {
    private final CountingMetrics metrics = new CountingMetrics();
    private final ApiFixture api = new ApiFixture(metrics);

    @AfterEach
    void close() {
        api.close();
    }

    /** Records what the API reports, to check connections and request codes. */
    static final class CountingMetrics implements GatewayMetrics {
        final AtomicInteger connectionsOpened = new AtomicInteger();
        final List<String> requests = new CopyOnWriteArrayList<>();
        final AtomicInteger accepted = new AtomicInteger();

        @Override
        public void apiConnectionOpened() {
            connectionsOpened.incrementAndGet();
        }

        @Override
        public void apiRequest(String endpoint, int httpStatus, int code, long durationNanos) {
            requests.add(endpoint + " " + httpStatus + " " + code);
        }

        @Override
        public void messagesAccepted(String endpoint, int count) {
            accepted.addAndGet(count);
        }
    }

    @Test
    void aSingleSendIsAdmittedRenderedAndAnsweredWithItsMsgId() {
        ApiFixture.Answer answer = api.post("/v1/messages",
            "{\"mobile\":\"+8613800138000\",\"temp_id\":1,\"temp_para\":{\"code\":\"123456\"}}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("msg_id").asText()).isEqualTo("1");
        assertThat(answer.raw().headers().firstValue("content-type")).hasValue("application/json; charset=utf-8");
        AcceptedMessage message = api.intake.accepted.get(0);
        assertThat(message).isEqualTo(new AcceptedMessage("app-a", "13800138000", "【CMPPGW】Your code is 123456", 1, 1,
            "http://127.0.0.1:9/cb", MessagePriority.HIGH, ApiFixture.NOW));
        assertThat(metrics.requests).containsExactly("messages 200 50000");
        assertThat(metrics.accepted).hasValue(1);
    }

    @Test
    void aSingleSendMayNameARegisteredCallbackAnotherSignatureAndNumericParameters() {
        ApiFixture.Answer answer = api.post("/v1/messages", "{\"mobile\":\"13800138000\",\"temp_id\":\"3\","
            + "\"temp_para\":{\"text\":42},\"sign_id\":2,\"callback_url\":\"http://127.0.0.1:9/other\",\"x\":1}");

        assertThat(answer.status()).isEqualTo(200);
        AcceptedMessage message = api.intake.accepted.get(0);
        assertThat(message.content()).isEqualTo("【Other】Notice: 42");
        assertThat(message.callbackUrl()).isEqualTo("http://127.0.0.1:9/other");
        assertThat(message.priority()).isEqualTo(MessagePriority.NORMAL);
    }

    @Test
    void aBatchAnswersPerRecipientWithMsgIdsInOrderAndFailuresWithTheirCodes() {
        ApiFixture.Answer answer = api.post("/v1/messages/batch", "{\"temp_id\":1,\"recipients\":["
            + "{\"mobile\":\"13800138000\",\"temp_para\":{\"code\":\"1\"}},"
            + "{\"mobile\":\"123\",\"temp_para\":{\"code\":\"2\"}},"
            + "{\"mobile\":\"8613900139000\",\"temp_para\":{\"code\":\"3\"}},"
            + "{\"mobile\":\"13700137000\",\"temp_para\":{\"other\":\"4\"}},"
            + "{\"temp_para\":{\"code\":\"5\"}}]}");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode json = answer.json();
        assertThat(json.get("success_count").asInt()).isEqualTo(2);
        assertThat(json.get("failure_count").asInt()).isEqualTo(3);
        assertThat(json.get("recipients").toString()).isEqualTo(
            "[{\"msg_id\":\"1\",\"mobile\":\"13800138000\"},{\"msg_id\":\"2\",\"mobile\":\"8613900139000\"}]");
        assertThat(json.get("failure_recipients").toString()).isEqualTo("["
            + "{\"error_code\":\"50006\",\"error_message\":\"invalid mobile\",\"mobile\":\"123\","
            + "\"temp_para\":{\"code\":\"2\"}},"
            + "{\"error_code\":\"50022\",\"error_message\":\"parameters not all replaced\",\"mobile\":\"13700137000\","
            + "\"temp_para\":{\"other\":\"4\"}},"
            + "{\"error_code\":\"50004\",\"error_message\":\"missing mobile\",\"mobile\":null,"
            + "\"temp_para\":{\"code\":\"5\"}}]");
        assertThat(api.intake.accepted).extracting(AcceptedMessage::mobile).containsExactly("13800138000",
            "13900139000");
        assertThat(metrics.requests).containsExactly("messages_batch 200 50000");
    }

    @Test
    void aBatchWhoseRecipientsAllFailStillAnswers200WithoutTouchingTheIntake() {
        ApiFixture.Answer answer = api.post("/v1/messages/batch", "{\"temp_id\":3,\"recipients\":["
            + "{\"mobile\":\"13800138000\",\"temp_para\":{\"text\":\"" + "x".repeat(500) + "\"}}]}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("success_count").asInt()).isZero();
        assertThat(answer.json().get("failure_recipients").get(0).get("error_code").asText()).isEqualTo("50038");
        assertThat(answer.json().get("recipients")).isEmpty();
        assertThat(api.intake.accepted).isEmpty();
    }

    @Test
    void keepAliveConnectionsAreReused() {
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/v1/messages", "{\"mobile\":\"13800138000\",\"temp_id\":1,"
                + "\"temp_para\":{\"code\":\"" + i + "\"}}").status()).isEqualTo(200);
        }
        assertThat(api.post("/v1/nothing", "{}").status()).isEqualTo(404);

        assertThat(metrics.connectionsOpened).hasValue(1);
        assertThat(api.intake.accepted).hasSize(5);
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws IOException {
        String body = "{\"mobile\":\"13800138000\",\"temp_id\":1,\"temp_para\":{\"code\":\"1\"}}";
        String request = "POST /v1/messages HTTP/1.1\r\nHost: test\r\nAuthorization: "
            + ApiFixture.basic("app-a", "secret-a") + "\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length() + "\r\n\r\n" + body;
        String notFound = "GET /v2 HTTP/1.1\r\nHost: test\r\n\r\n";

        try (Socket socket = new Socket("127.0.0.1", api.base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((request + notFound + request).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            List<String> bodies = readResponses(socket.getInputStream(), 3);

            assertThat(bodies).containsExactly("200 {\"msg_id\":\"1\"}",
                "404 {\"error\":{\"code\":50016,\"message\":\"api not found\"}}", "200 {\"msg_id\":\"2\"}");
        }
    }

    /** Reads {@code n} responses with Content-Length bodies as "status body". */
    private static List<String> readResponses(InputStream in, int n) throws IOException {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String head = readUntil(in, "\r\n\r\n");
            int status = Integer.parseInt(head.substring(9, 12));
            int length = 0;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            out.add(status + " " + new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }
        return out;
    }

    static String readUntil(InputStream in, String end) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        while (!buf.toString(StandardCharsets.US_ASCII).endsWith(end)) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + buf);
            }
            buf.write(b);
        }
        return buf.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void anOversizedBodyGets403With50007AndTheConnectionCloses() {
        String huge = "{\"temp_id\":1,\"recipients\":[" + "{\"mobile\":\"13800138000\"},".repeat(3000) + "{}]}";

        ApiFixture.Answer answer = api.post("/v1/messages/batch", huge);

        assertThat(answer.status()).as("403 as JSMS: its SDK reads no code from a 413").isEqualTo(403);
        assertThat(answer.code()).isEqualTo(50007);
        assertThat(answer.message()).isEqualTo("invalid body: larger than 65536 bytes");
        assertThat(api.intake.accepted).isEmpty();
        assertThat(api.post("/v1/messages", "{\"mobile\":\"13800138000\",\"temp_id\":1,\"temp_para\":{\"code\":\"1\"}}")
            .status()).isEqualTo(200);
    }

    @Test
    void whenTheIntakeRefusesTheApiAnswers503With50019() {
        api.intake.mode = RecordingIntake.Mode.REFUSE;

        ApiFixture.Answer one = api.post("/v1/messages", "{\"mobile\":\"13800138000\",\"temp_id\":1,"
            + "\"temp_para\":{\"code\":\"1\"}}");
        ApiFixture.Answer batch = api.post("/v1/messages/batch", "{\"temp_id\":1,\"recipients\":["
            + "{\"mobile\":\"13800138000\",\"temp_para\":{\"code\":\"1\"}}]}");

        assertThat(one.status()).isEqualTo(503);
        assertThat(one.json().toString()).isEqualTo("{\"error\":{\"code\":50019,\"message\":\"server busy\"}}");
        assertThat(batch.status()).isEqualTo(503);
        assertThat(batch.code()).isEqualTo(50019);
        assertThat(metrics.requests).containsExactly("messages 503 50019", "messages_batch 503 50019");
    }

    @Test
    void whenTheIntakeFailsTheApiAnswers500With50019() {
        api.intake.mode = RecordingIntake.Mode.FAIL;
        String body = "{\"mobile\":\"13800138000\",\"temp_id\":1,\"temp_para\":{\"code\":\"1\"}}";

        ApiFixture.Answer failed = api.post("/v1/messages", body);
        api.intake.mode = RecordingIntake.Mode.THROW;
        ApiFixture.Answer thrown = api.post("/v1/messages", body);

        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.json().toString()).isEqualTo("{\"error\":{\"code\":50019,\"message\":\"server error\"}}");
        assertThat(thrown.status()).isEqualTo(500);
        assertThat(thrown.code()).isEqualTo(50019);
    }

    @Test
    void aRequestAskingForConnectionCloseIsAnsweredThenClosed() throws IOException {
        String request = "POST /v1/nothing HTTP/1.1\r\nHost: test\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";

        try (Socket socket = new Socket("127.0.0.1", api.base.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String head = readUntil(socket.getInputStream(), "\r\n\r\n");
            // readAllBytes returns only at end of stream: the server closed the connection after the answer
            String rest = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(head).startsWith("HTTP/1.1 404").containsIgnoringCase("connection: close");
            assertThat(rest).isEqualTo("{\"error\":{\"code\":50016,\"message\":\"api not found\"}}");
        }
    }

    @Test
    void idleKeepAliveConnectionsAreClosedAfterTheIdleTimeout() throws IOException {
        try (ApiFixture quick = new ApiFixture(GatewayMetrics.NOOP, "server.idleTimeout=200ms");
             Socket socket = new Socket("127.0.0.1", quick.base.getPort())) {
            socket.setSoTimeout(30_000);

            assertThat(socket.getInputStream().read()).as("closed by the server, not timed out here").isEqualTo(-1);
        }
    }
}
