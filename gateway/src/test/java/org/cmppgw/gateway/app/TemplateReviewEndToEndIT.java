package org.cmppgw.gateway.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cmppgw.simulator.ismg.IsmgConfig;
import org.cmppgw.simulator.ismg.IsmgServer;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12 end to end, with the shipped config/gateway.yaml (autoApprove off): an app creates a template, sending with
 * it is refused while it is pending (50020), the operator approves it, the app gets the SMS_TEMPLATE callback, and a
 * message with it is delivered by the simulated ISMG and reported back.
 */
final class TemplateReviewEndToEndIT {
    private static final String OPERATOR = "demo-operator";
    private static final String OPERATOR_PASSWORD = "demo-operator-password";

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aReviewedTemplateIsCalledBackAndDelivered() {
        try (IsmgServer ismg = IsmgServer.start(IsmgConfig.defaults().withPort(0), Clock.systemUTC(),
                 new SimpleMeterRegistry());
             CallbackSink sink = CallbackSink.start();
             Gateway gateway = Gateway.start(E2e.config(E2e.overrides(ismg.port(), E2e.h2Url(dir), "sa", "",
                 sink.uri()), "review.autoApprove=false"), Clock.systemUTC())) {
            URI api = URI.create("http://127.0.0.1:" + gateway.apiAddress().getPort());
            HttpResponse<String> created = E2e.json(api.resolve("/v1/templates"), "POST", E2e.APP_KEY,
                E2e.MASTER_SECRET, "{\"temp_id\":0,\"template\":\"Order {{order}} shipped\",\"type\":2}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            long tempId = E2e.read(created.body()).path("temp_id").asLong();
            String send = "{\"mobile\":\"13800138000\",\"temp_id\":" + tempId + ",\"sign_id\":1,"
                + "\"temp_para\":{\"order\":\"A-17\"}}";

            HttpResponse<String> pending = E2e.json(api.resolve("/v1/messages"), "POST", E2e.APP_KEY,
                E2e.MASTER_SECRET, send);
            assertThat(pending.statusCode()).isEqualTo(403);
            assertThat(E2e.read(pending.body()).path("error").path("code").asInt()).isEqualTo(50020);

            HttpResponse<String> approved = E2e.json(api.resolve("/operator/v1/templates/" + tempId + "/approve"),
                "POST", OPERATOR, OPERATOR_PASSWORD, null);
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);

            Await.until("SMS_TEMPLATE callback", E2e.TIMEOUT, () -> !sink.reviews().isEmpty(), sink::reviews);
            Map.Entry<String, JsonNode> review = sink.reviews().get(0);
            assertThat(review.getKey()).isEqualTo("SMS_TEMPLATE");
            assertThat(review.getValue().path("tempId").asLong()).isEqualTo(tempId);
            assertThat(review.getValue().path("status").asInt()).isEqualTo(1);
            assertThat(sink.bad()).isZero();

            HttpResponse<String> sent = E2e.json(api.resolve("/v1/messages"), "POST", E2e.APP_KEY,
                E2e.MASTER_SECRET, send);
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
            String msgId = E2e.read(sent.body()).path("msg_id").asText();
            Await.until("SMS_REPORT of the message", E2e.TIMEOUT, () -> sink.reports().containsKey(msgId),
                sink::reports);
            assertThat(sink.reports().get(msgId).first().path("stat").asText()).isEqualTo("DELIVRD");
            assertThat(ismg.traffic("901234").snapshot().accepted()).isEqualTo(1);
        }
    }
}
