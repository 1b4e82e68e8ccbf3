package org.cmppgw.gateway.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cmppgw.simulator.ismg.IsmgConfig;
import org.cmppgw.simulator.ismg.IsmgServer;
import org.cmppgw.simulator.smtp.SmtpSink;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Users and sends to users on a real gateway (H2) with the simulator's ISMG and SMTP sink (issue 11, docs/api.md
 * "Users", "Send to users"): users imported over the API get an SMS and an email by user id, each delivered and called
 * back as the ordinary {@code SMS_REPORT} / {@code EMAIL_REPORT}; an unknown id is reported and nothing is sent for it.
 */
class UsersEndToEndIT {
    @TempDir
    Path dir;
    private IsmgServer ismg;
    private CallbackSink callbacks;
    private SmtpSink smtp;
    private Gateway gateway;
    private URI api;

    @BeforeEach
    void start() {
        ismg = IsmgServer.start(IsmgConfig.defaults().withPort(0), Clock.systemUTC(), new SimpleMeterRegistry());
        callbacks = CallbackSink.start();
        smtp = new SmtpSink(E2e.plainSmtpSink(0)).start();
        List<String> overrides = new ArrayList<>(E2e.overrides(ismg.port(), E2e.h2Url(dir), "sa", "",
            callbacks.uri()));
        overrides.addAll(E2e.emailProvider(smtp.port()));
        gateway = Gateway.start(E2e.config(overrides), Clock.systemUTC());
        api = URI.create("http://127.0.0.1:" + gateway.apiAddress().getPort());
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        smtp.close();
        callbacks.close();
        ismg.close();
    }

    private JsonNode post(String path, String body) {
        HttpResponse<String> response = E2e.json(api.resolve(path), "POST", E2e.APP_KEY, E2e.MASTER_SECRET, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return E2e.read(response.body());
    }

    @Test
    void usersGetAnSmsAndAnEmailByTheirIdsAndEachIsCalledBack() {
        JsonNode imported = post("/v1/users", "{\"users\":[{\"user_id\":\"c-1\",\"mobile\":\"13800138000\","
            + "\"email\":\"c1@example.com\"},{\"user_id\":\"c-2\",\"mobile\":\"13800138001\"}]}");
        assertThat(imported.path("success_count").asInt()).isEqualTo(2);

        JsonNode sms = post("/v1/users/messages", "{\"channel\":\"sms\",\"user_ids\":[\"c-1\",\"c-2\",\"c-3\"],"
            + "\"temp_id\":1,\"sign_id\":1,\"temp_para\":{\"code\":\"123456\"}}");
        assertThat(sms.path("success_count").asInt()).isEqualTo(2);
        assertThat(sms.path("failure_recipients").get(0).path("user_id").asText()).isEqualTo("c-3");
        List<String> msgIds = new ArrayList<>();
        sms.path("recipients").forEach(r -> msgIds.add(r.path("msg_id").asText()));
        Await.until("both SMS_REPORT callbacks", E2e.TIMEOUT, () -> callbacks.reports().keySet()
            .containsAll(msgIds));

        JsonNode email = post("/v1/users/messages", "{\"channel\":\"email\",\"user_ids\":[\"c-1\",\"c-2\"],"
            + "\"subject\":\"Hello\",\"text\":\"hi\"}");
        assertThat(email.path("success_count").asInt()).isEqualTo(1);
        assertThat(email.path("failure_recipients").get(0).path("error_message").asText()).contains("no email");
        String emailId = email.path("recipients").get(0).path("email_id").asText();
        Await.until("the EMAIL_REPORT callback", E2e.TIMEOUT, () -> callbacks.emailReports().containsKey(emailId));
        assertThat(callbacks.emailReports().get(emailId).path("email").asText()).isEqualTo("c1@example.com");
        assertThat(smtp.stats().messages()).isEqualTo(1);
        assertThat(callbacks.bad()).isZero();
    }
}
