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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Email templates end to end (issue 11, docs/api.md "Email templates"): an app creates, reads, replaces and deletes a
 * template; {@code POST /v1/emails} with {@code temp_id} and {@code temp_para} sends the filled mail (values escaped in
 * the HTML body) to the SMTP sink and calls it back; an unknown template is 50013, a variable without a value 50022.
 */
class EmailTemplatesEndToEndIT {
    @TempDir
    Path dir;
    private IsmgServer ismg;
    private CallbackSink callbacks;
    private SmtpSink smtp;
    private Gateway gateway;
    private URI api;
    private String db;

    @BeforeEach
    void start() {
        ismg = IsmgServer.start(IsmgConfig.defaults().withPort(0), Clock.systemUTC(), new SimpleMeterRegistry());
        callbacks = CallbackSink.start();
        smtp = new SmtpSink(E2e.plainSmtpSink(0)).start();
        db = E2e.h2Url(dir);
        List<String> overrides = new ArrayList<>(E2e.overrides(ismg.port(), db, "sa", "", callbacks.uri()));
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

    private HttpResponse<String> call(String method, String path, String body) {
        return E2e.json(api.resolve(path), method, E2e.APP_KEY, E2e.MASTER_SECRET, body);
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return E2e.read(response.body());
    }

    private static void assertError(HttpResponse<String> response, int code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(E2e.read(response.body()).path("error").path("code").asInt()).as(response.body()).isEqualTo(code);
    }

    @Test
    void aTemplateIsManagedAndSendsFilledMail() throws Exception {
        long id = ok(call("POST", "/v1/email_templates",
            "{\"subject\":\"Order {{order}}\",\"text\":\"Hi {{name}}\",\"html\":\"<p>Hi {{name}}</p>\"}"))
            .path("temp_id").asLong();
        assertThat(id).isPositive();
        JsonNode shown = ok(call("GET", "/v1/email_templates/" + id, null));
        assertThat(shown.path("subject").asText()).isEqualTo("Order {{order}}");
        assertThat(shown.path("html").asText()).isEqualTo("<p>Hi {{name}}</p>");
        ok(call("PUT", "/v1/email_templates/" + id,
            "{\"subject\":\"Your order {{order}}\",\"text\":\"Hi {{name}}\",\"html\":\"<p>Hi {{name}}</p>\"}"));

        JsonNode sent = ok(call("POST", "/v1/emails", "{\"to\":[\"a@example.com\"],\"temp_id\":" + id
            + ",\"temp_para\":{\"order\":\"42\",\"name\":\"Tom & <Jerry>\"}}"));
        String emailId = sent.path("recipients").get(0).path("email_id").asText();
        Await.until("the EMAIL_REPORT", E2e.TIMEOUT, () -> callbacks.emailReports().containsKey(emailId));
        assertThat(callbacks.emailReports().get(emailId).path("status").asText()).isEqualTo("delivered");
        assertThat(smtp.stats().messages()).isEqualTo(1);
        assertThat(stored(emailId)).containsExactly("Your order 42", "Hi Tom & <Jerry>",
            "<p>Hi Tom &amp; &lt;Jerry&gt;</p>");

        assertError(call("POST", "/v1/emails", "{\"to\":[\"a@example.com\"],\"temp_id\":" + id
            + ",\"temp_para\":{\"order\":\"42\"}}"), 50022);
        assertError(call("POST", "/v1/emails", "{\"to\":[\"a@example.com\"],\"temp_id\":" + (id + 100) + "}"),
            50013);
        assertError(call("POST", "/v1/emails", "{\"to\":[\"a@example.com\"],\"temp_id\":" + id
            + ",\"subject\":\"s\"}"), 50007);
        assertError(call("POST", "/v1/email_templates", "{\"subject\":\"s {{x\",\"text\":\"t\"}"), 50044);

        ok(call("DELETE", "/v1/email_templates/" + id, null));
        assertError(call("GET", "/v1/email_templates/" + id, null), 50013);
        assertError(call("DELETE", "/v1/email_templates/" + id, null), 50013);
        assertThat(smtp.stats().messages()).isEqualTo(1);
    }

    @Test
    void sendsToUsersAndPolicySendsTakeAnEmailTemplate() throws Exception {
        long id = ok(call("POST", "/v1/email_templates",
            "{\"subject\":\"Order {{order}}\",\"html\":\"<p>{{order}} shipped</p>\"}")).path("temp_id").asLong();
        ok(call("POST", "/v1/users", "{\"users\":[{\"user_id\":\"u-1\",\"mobile\":\"13800138000\","
            + "\"email\":\"u1@example.com\"}]}"));

        JsonNode sent = ok(call("POST", "/v1/users/messages", "{\"channel\":\"email\",\"user_ids\":[\"u-1\"],"
            + "\"email_temp_id\":" + id + ",\"email_temp_para\":{\"order\":\"7\"}}"));
        String emailId = sent.path("recipients").get(0).path("email_id").asText();
        Await.until("the EMAIL_REPORT", E2e.TIMEOUT, () -> callbacks.emailReports().containsKey(emailId));
        assertThat(stored(emailId)).containsExactly("Order 7", null, "<p>7 shipped</p>");

        // A policy whose first step is the mail: the run's step 1 is that template, filled at the send.
        String policy = ok(call("POST", "/v1/policies", "{\"name\":\"mail then sms\",\"steps\":[{\"channel\":"
            + "\"email\"},{\"channel\":\"sms\",\"conditions\":[{\"step\":1,\"event\":\"not_delivered\","
            + "\"within_minutes\":5}]}]}")).path("policy_id").asText();
        JsonNode run = ok(call("POST", "/v1/users/messages", "{\"user_ids\":[\"u-1\"],\"policy_id\":\"" + policy
            + "\",\"temp_id\":1,\"sign_id\":1,\"temp_para\":{\"code\":\"1234\"},\"email_temp_id\":" + id
            + ",\"email_temp_para\":{\"order\":\"8\"}}")).path("runs").get(0);
        assertThat(run.path("channel").asText()).isEqualTo("email");
        assertThat(stored(run.path("email_id").asText())).containsExactly("Order 8", null, "<p>8 shipped</p>");

        assertError(call("POST", "/v1/users/messages", "{\"channel\":\"email\",\"user_ids\":[\"u-1\"],"
            + "\"email_temp_id\":" + (id + 100) + "}"), 50013);
        assertError(call("POST", "/v1/users/messages", "{\"channel\":\"email\",\"user_ids\":[\"u-1\"],"
            + "\"email_temp_id\":" + id + "}"), 50022);
        assertError(call("POST", "/v1/users/messages", "{\"channel\":\"email\",\"user_ids\":[\"u-1\"],"
            + "\"email_temp_id\":" + id + ",\"email_temp_para\":{\"order\":\"9\"},\"subject\":\"s\"}"), 50007);
    }

    /** The stored subject, text and HTML of a mail. */
    private List<String> stored(String id) throws SQLException {
        try (Connection c = DriverManager.getConnection(db, "sa", "");
             PreparedStatement select = c.prepareStatement("SELECT subject, body_text, body_html FROM email_message"
                 + " WHERE id = ?")) {
            select.setLong(1, Long.parseLong(id));
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                return Arrays.asList(row.getString(1), row.getString(2), row.getString(3));
            }
        }
    }
}
