package org.cmppgw.gateway.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cmppgw.simulator.ismg.IsmgConfig;
import org.cmppgw.simulator.ismg.IsmgServer;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scheduled sends end to end (docs/api.md "Scheduled sends", seed 003): created, read, changed and deleted over the
 * API; sent once at their time (within a second), with each recipient's msg_id shown afterwards; sent at once after
 * a restart that missed their time; every JSMS error the seed names.
 */
class ScheduledSendsIT {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @TempDir
    Path dir;
    private IsmgServer ismg;
    private CallbackSink sink;
    private Gateway gateway;
    private URI api;
    private String db;

    @BeforeEach
    void start() {
        ismg = IsmgServer.start(IsmgConfig.defaults().withPort(0), Clock.systemUTC(), new SimpleMeterRegistry());
        sink = CallbackSink.start();
        db = E2e.h2Url(dir);
        startGateway();
    }

    private void startGateway() {
        gateway = Gateway.start(E2e.config(E2e.overrides(ismg.port(), db, "sa", "", sink.uri())), Clock.systemUTC());
        api = URI.create("http://127.0.0.1:" + gateway.apiAddress().getPort());
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        sink.close();
        ismg.close();
    }

    /** {@code seconds} from now in the gateway's zone, at whole seconds as the API takes it. */
    private static String inSeconds(long seconds) {
        return LocalDateTime.now(ZONE).plusSeconds(seconds).truncatedTo(ChronoUnit.SECONDS).format(FORMAT);
    }

    private static long epochMillis(String sendTime) {
        return LocalDateTime.parse(sendTime, FORMAT).atZone(ZONE).toInstant().toEpochMilli();
    }

    private HttpResponse<String> call(String method, String path, String body) {
        return E2e.json(api.resolve(path), method, E2e.APP_KEY, E2e.MASTER_SECRET, body);
    }

    private static String single(String sendTime, String mobile) {
        return "{\"send_time\":\"" + sendTime + "\",\"mobile\":\"" + mobile
            + "\",\"temp_id\":1,\"sign_id\":1,\"temp_para\":{\"code\":\"4242\"}}";
    }

    private static JsonNode body(HttpResponse<String> response) {
        return E2e.read(response.body());
    }

    private static int code(HttpResponse<String> response) {
        return body(response).path("error").path("code").asInt();
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aSingleScheduleIsSentOnceAtItsTimeAndShowsItsMsgId() throws Exception {
        String sendTime = inSeconds(6);
        HttpResponse<String> created = call("POST", "/v1/schedule", single(sendTime, "13800138000"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String id = body(created).path("schedule_id").asText();
        JsonNode before = body(call("GET", "/v1/schedule/" + id, null));
        assertThat(before.path("send_time").asText()).isEqualTo(sendTime);
        assertThat(before.path("status").asText()).isEqualTo("scheduled");
        assertThat(before.path("recipients").get(0).has("msg_id")).isFalse();
        assertThat(before.path("recipients").get(0).path("temp_para").path("code").asText()).isEqualTo("4242");

        Await.until("the scheduled message called back", Duration.ofSeconds(30), () -> sink.reports().size() == 1);

        JsonNode after = body(call("GET", "/v1/schedule/" + id, null));
        String msgId = after.path("recipients").get(0).path("msg_id").asText();
        assertThat(after.path("status").asText()).isEqualTo("sent");
        assertThat(sink.reports()).containsOnlyKeys(msgId);
        long late = acceptedAt(Long.parseLong(msgId)) - epochMillis(sendTime);
        assertThat(late).as("sent after its time by (ms)").isBetween(0L, 1_000L);
        assertThat(call("PUT", "/v1/schedule/" + id, single(inSeconds(60), "13800138000")))
            .satisfies(r -> assertThat(code(r)).isEqualTo(50029));
        assertThat(code(call("DELETE", "/v1/schedule/" + id, null))).isEqualTo(50029);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aBatchOfAThousandIsSentWholeAndItsRefusedRecipientsAreAnsweredAtOnce() {
        StringBuilder recipients = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            String mobile = i == 7 ? "12345" : Long.toString(13_700_000_000L + i);
            recipients.append(i == 0 ? "" : ",").append("{\"mobile\":\"").append(mobile)
                .append("\",\"temp_para\":{\"code\":\"").append(i).append("\"}}");
        }
        String body = "{\"send_time\":\"" + inSeconds(15) + "\",\"temp_id\":1,\"sign_id\":1,\"tag\":\"spring\","
            + "\"recipients\":[" + recipients + "]}";

        HttpResponse<String> created = call("POST", "/v1/schedule/batch", body);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        JsonNode answer = body(created);
        assertThat(answer.path("success_count").asInt()).isEqualTo(999);
        assertThat(answer.path("failure_count").asInt()).isEqualTo(1);
        assertThat(answer.path("failure_recipients").get(0).path("error_code").asText()).isEqualTo("50006");
        String id = answer.path("schedule_id").asText();
        Await.until("999 called back", Duration.ofSeconds(60), () -> sink.reports().size() == 999,
            () -> sink.reports().size() + " called back");
        JsonNode after = body(call("GET", "/v1/schedule/" + id, null));
        assertThat(after.path("tag").asText()).isEqualTo("spring");
        assertThat(after.path("recipients")).hasSize(999).allSatisfy(r -> assertThat(r.has("msg_id")).isTrue());
        assertThat(sink.duplicates()).isEmpty();
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aChangedScheduleSendsItsNewContentAndADeletedOneNothing() {
        String changedId = body(call("POST", "/v1/schedule", single(inSeconds(600), "13800138001")))
            .path("schedule_id").asText();
        String deletedTime = inSeconds(6);
        String deletedId = body(call("POST", "/v1/schedule", single(deletedTime, "13800138002")))
            .path("schedule_id").asText();

        HttpResponse<String> changed = call("PUT", "/v1/schedule/" + changedId, single(inSeconds(6), "13800138003"));
        HttpResponse<String> deleted = call("DELETE", "/v1/schedule/" + deletedId, null);

        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(body(changed).path("schedule_id").asText()).isEqualTo(changedId);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).isEmpty();
        Await.until("the changed schedule called back", Duration.ofSeconds(30), () -> sink.reports().size() == 1);
        assertThat(sink.reports().values().iterator().next().first().path("phone").asText())
            .isEqualTo("13800138003");
        assertThat(code(call("GET", "/v1/schedule/" + deletedId, null))).isEqualTo(50028);
        Await.until("the deleted one's time passed by 2 s", Duration.ofSeconds(30),
            () -> System.currentTimeMillis() > epochMillis(deletedTime) + 2_000);
        assertThat(sink.reports()).hasSize(1);
    }

    @Test
    void everyWrongRequestGetsItsJsmsCode() {
        String id = body(call("POST", "/v1/schedule", single(inSeconds(600), "13800138000"))).path("schedule_id")
            .asText();
        assertThat(code(call("POST", "/v1/schedule", single("2020-01-01 00:00:00", "13800138000")))).isEqualTo(50027);
        assertThat(code(call("POST", "/v1/schedule", single("tomorrow", "13800138000")))).isEqualTo(50027);
        assertThat(code(call("POST", "/v1/schedule", "{\"mobile\":\"13800138000\",\"temp_id\":1}")))
            .isEqualTo(50027);
        assertThat(code(call("GET", "/v1/schedule/no-such-id", null))).isEqualTo(50028);
        assertThat(code(call("DELETE", "/v1/schedule/no-such-id", null))).isEqualTo(50028);
        assertThat(code(call("PUT", "/v1/schedule/batch/" + id, "{\"send_time\":\"" + inSeconds(600)
            + "\",\"temp_id\":1,\"sign_id\":1,\"recipients\":[{\"mobile\":\"13800138000\",\"temp_para\":"
            + "{\"code\":\"1\"}}]}"))).as("a single schedule changed as a batch").isEqualTo(50028);
        assertThat(code(call("POST", "/v1/schedule/batch", "{\"send_time\":\"" + inSeconds(600)
            + "\",\"temp_id\":1,\"sign_id\":1,\"recipients\":[]}"))).isEqualTo(50030);
        assertThat(code(call("POST", "/v1/schedule/batch", "{\"send_time\":\"" + inSeconds(600)
            + "\",\"temp_id\":1,\"sign_id\":1,\"tag\":\"eleven-char\",\"recipients\":[{\"mobile\":\"13800138000\"}]}")))
            .isEqualTo(50007);
        assertThat(code(E2e.json(api.resolve("/v1/schedule/" + id), "GET", "7d431e42dfa6a6d693ac2d04",
            "5e987ac6d2e04d95a9d8f0d1", null))).as("another app's schedule").isEqualTo(50028);
        assertThat(code(call("POST", "/v1/schedule", single(inSeconds(600), "12345")))).isEqualTo(50006);
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aScheduleWhoseTimePassedWhileTheGatewayWasDownIsSentOnceAtStart() {
        String sendTime = inSeconds(2);
        String id = body(call("POST", "/v1/schedule", single(sendTime, "13800138009"))).path("schedule_id").asText();
        gateway.close();
        gateway = null;
        Await.until("its time passed while stopped", Duration.ofSeconds(30),
            () -> System.currentTimeMillis() > epochMillis(sendTime) + 1_000);

        startGateway();

        Await.until("called back after the restart", Duration.ofSeconds(30), () -> sink.reports().size() == 1);
        JsonNode after = body(call("GET", "/v1/schedule/" + id, null));
        assertThat(sink.reports()).containsOnlyKeys(after.path("recipients").get(0).path("msg_id").asText());
    }

    private long acceptedAt(long msgId) throws SQLException {
        try (Connection c = DriverManager.getConnection(db, "sa", "");
             PreparedStatement s = c.prepareStatement("SELECT accepted_at FROM message WHERE msg_id = ?")) {
            s.setLong(1, msgId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
