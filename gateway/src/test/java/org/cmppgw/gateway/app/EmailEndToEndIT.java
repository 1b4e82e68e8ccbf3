package org.cmppgw.gateway.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cmppgw.simulator.ismg.IsmgConfig;
import org.cmppgw.simulator.ismg.IsmgServer;
import org.cmppgw.simulator.smtp.SmtpConfig;
import org.cmppgw.simulator.smtp.SmtpFailure;
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
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Email end to end (issue 11): {@code POST /v1/emails} on a real gateway (H2) → the simulator's SMTP sink receives
 * the mail → a signed {@code EMAIL_REPORT} reaches the app's callback receiver; a 5xx is reported as failed with the
 * server's reply; mail accepted while the sink is down waits in the store and goes once it is back; bad requests get
 * the JSMS error shape.
 */
class EmailEndToEndIT {
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
        smtp = new SmtpSink(sinkConfig(0)).start();
        db = E2e.h2Url(dir);
        List<String> overrides = new ArrayList<>(E2e.overrides(ismg.port(), db, "sa", "", callbacks.uri()));
        overrides.addAll(E2e.emailProvider(smtp.port()));
        overrides.addAll(List.of("admission.sensitiveWords=[casino]", "emailProviders[0].retryDelay=200ms",
            "emailProviders[0].maxAttempts=50", "emailProviders[0].circuitBreaker.openDuration=500ms"));
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

    private static SmtpConfig sinkConfig(int port) {
        return SmtpConfig.defaults().with(Map.of("port", port, "tlsPort", SmtpConfig.OFF, "starttls", false,
            "failures", List.of(new SmtpFailure("gone@example.com", 550, "5.1.1 no such user"))));
    }

    private HttpResponse<String> post(String body) {
        return E2e.json(api.resolve("/v1/emails"), "POST", E2e.APP_KEY, E2e.MASTER_SECRET, body);
    }

    private static List<String> ids(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        for (JsonNode recipient : E2e.read(response.body()).path("recipients")) {
            ids.add(recipient.path("email_id").asText());
        }
        return ids;
    }

    @Test
    void anEmailIsDeliveredAndCalledBackPerRecipient() {
        HttpResponse<String> response = post("{\"to\":[\"a@example.com\",\"b@example.com\"],\"cc\":[\"c@example.com\"],"
            + "\"subject\":\"Your order\",\"text\":\"shipped\",\"html\":\"<p>shipped</p>\",\"sender_name\":\"Shop\"}");

        List<String> ids = ids(response);
        assertThat(ids).hasSize(2).doesNotHaveDuplicates();
        assertThat(E2e.read(response.body()).path("recipients").get(1).path("to").asText()).isEqualTo("b@example.com");
        Await.until("both EMAIL_REPORT callbacks", E2e.TIMEOUT, () -> callbacks.emailReports().keySet()
            .containsAll(ids));
        for (String id : ids) {
            JsonNode report = callbacks.emailReports().get(id);
            assertThat(report.path("status").asText()).isEqualTo("delivered");
            assertThat(report.path("smtpReply").asText()).startsWith("250");
            assertThat(report.path("receiveTime").asLong()).isPositive();
        }
        assertThat(callbacks.emailReports().get(ids.get(0)).path("email").asText()).isEqualTo("a@example.com");
        assertThat(smtp.stats().messages()).isEqualTo(2);
        assertThat(smtp.stats().recipients()).as("the cc goes with the first copy only").isEqualTo(3);
        assertThat(callbacks.bad()).isZero();
    }

    @Test
    void aPermanentRefusalIsReportedAsFailedWithTheReply() {
        String id = ids(post("{\"to\":[\"gone@example.com\"],\"subject\":\"s\",\"text\":\"t\"}")).get(0);

        Await.until("the EMAIL_REPORT", E2e.TIMEOUT, () -> callbacks.emailReports().containsKey(id));
        JsonNode report = callbacks.emailReports().get(id);
        assertThat(report.path("status").asText()).isEqualTo("failed");
        assertThat(report.path("smtpReply").asText()).contains("550").contains("no such user");
        assertThat(smtp.stats().messages()).isZero();
    }

    @Test
    void mailAcceptedWhileTheServerIsDownWaitsAndGoesWhenItIsBack() throws Exception {
        int port = smtp.port();
        smtp.close();

        List<String> ids = ids(post("{\"to\":[\"a@example.com\",\"b@example.com\",\"c@example.com\"],"
            + "\"subject\":\"s\",\"text\":\"t\"}"));
        Await.until("a failed attempt", E2e.TIMEOUT, () -> attempted(ids.get(0)));
        assertThat(callbacks.emailReports()).isEmpty();

        smtp = new SmtpSink(sinkConfig(port)).start();
        Await.until("the EMAIL_REPORTs after the restart", E2e.TIMEOUT, () -> callbacks.emailReports().keySet()
            .containsAll(ids));
        ids.forEach(id -> assertThat(callbacks.emailReports().get(id).path("status").asText())
            .isEqualTo("delivered"));
        assertThat(smtp.stats().messages()).isEqualTo(3);
    }

    @Test
    void badRequestsGetTheJsmsErrorShape() {
        assertError(post("{\"to\":[\"a@example.com\"],"), 403, 50007, "");
        assertError(post("{\"to\":[\"a@example.com\"],\"text\":\"t\"}"), 403, 50007, "subject");
        assertError(post("{\"to\":[\"a@example.com\",\"not-an-address\"],\"subject\":\"s\",\"text\":\"t\"}"), 403,
            50007, "to[1]");
        assertError(post("{\"subject\":\"s\",\"text\":\"t\"}"), 403, 50030, "to");
        assertError(post("{\"to\":\"a@example.com\",\"subject\":\"s\",\"text\":\"t\"}"), 403, 50007, "");
        assertError(E2e.json(api.resolve("/v1/emails"), "POST", E2e.APP_KEY, "wrong", "{}"), 401, 50002, "");
        assertThat(smtp.stats().messages()).isZero();
    }

    @Test
    void aBlacklistedAppAndASensitiveWordAreRefusedAsForSms() {
        String good = "{\"to\":[\"a@example.com\"],\"subject\":\"s\",\"text\":\"t\"}";
        URI blacklist = api.resolve("/operator/v1/apps/" + E2e.APP_KEY + "/blacklist");
        assertThat(E2e.json(blacklist, "POST", "demo-operator", "demo-operator-password", "").statusCode())
            .isEqualTo(200);
        assertError(post(good), 403, 50036, "");
        assertThat(E2e.json(blacklist, "DELETE", "demo-operator", "demo-operator-password", "").statusCode())
            .isEqualTo(200);
        assertThat(ids(post(good))).hasSize(1);
        assertError(post("{\"to\":[\"a@example.com\"],\"subject\":\"s\",\"html\":\"<p>casino</p>\"}"), 403,
            50037, "");
    }

    private static void assertError(HttpResponse<String> response, int status, int code, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = E2e.read(response.body()).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(code);
        assertThat(error.path("message").asText()).contains(detail);
    }

    /** The mail's row records at least one try that did not deliver it. */
    private boolean attempted(String id) {
        try (Connection c = DriverManager.getConnection(db, "sa", "");
             PreparedStatement select = c.prepareStatement("SELECT status, smtp_reply FROM email_message"
                 + " WHERE id = ?")) {
            select.setLong(1, Long.parseLong(id));
            try (ResultSet row = select.executeQuery()) {
                return row.next() && row.getInt(1) == 0 && !row.getString(2).isEmpty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
