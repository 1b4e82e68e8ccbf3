package org.cmppgw.gateway.app;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.cmppgw.cmpp.pdu.CmppSubmit;
import org.cmppgw.cmpp.sms.SmsContent;
import org.cmppgw.cmpp.sms.SmsText;
import org.cmppgw.gateway.clicks.ClickHistory;
import org.cmppgw.gateway.model.Channel;
import org.cmppgw.simulator.ismg.IsmgConfig;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Send policies with {@code track_links} on a real gateway (H2) with the simulator's ISMG and SMTP sink (issue 11,
 * docs/api.md "Send policies" and "Click tracking"): every step's message carries tracking links of its own, so a
 * click on step 1's link within the wait makes the next step not needed and ends the run {@code clicked}, and a run
 * whose user does not click goes on to its next step, whose message has links of its own again.
 */
class PolicyClicksIT {
    private static final String PUBLIC_BASE = "https://go.example.test/t/";
    private static final Pattern TRACKED = Pattern.compile(Pattern.quote(PUBLIC_BASE) + "([A-Za-z0-9_-]{22})");
    private static final String SHOP = "https://shop.example.com/o/A17?ref=sms&x=1";
    private static final String USERS = "{\"users\":[{\"user_id\":\"c-1\",\"mobile\":\"13800138001\","
        + "\"email\":\"c1@example.com\"},{\"user_id\":\"c-2\",\"mobile\":\"13800138002\","
        + "\"email\":\"c2@example.com\"}]}";
    private static final String CONTENT = "\"temp_id\":2,\"sign_id\":1,\"temp_para\":{\"order\":\"A17\",\"link\":\""
        + SHOP + "\"},\"subject\":\"Your order\",\"html\":\"<p><a href=\\\"" + SHOP.replace("&", "&amp;")
        + "\\\">Order</a></p>\",\"text\":\"Order: " + SHOP + "\",\"track_links\":true";
    private static final HttpClient NO_REDIRECTS = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path dir;
    private E2eFixture e2e;

    private void start(String... more) {
        e2e = E2eFixture.start(dir, IsmgConfig.defaults().withPort(0));
        e2e.startClickGateway(PUBLIC_BASE, more);
    }

    @AfterEach
    void stop() throws Exception {
        E2e.closeAll(e2e);
    }

    @Test
    void aClickOnStep1EndsTheRunClickedAndAUserWhoDoesNotClickGetsStep2WithLinksOfItsOwn() throws Exception {
        start();
        ClickHistory history = e2e.gateway().clicks().orElseThrow();
        String policyId = policy("sms", "email");
        JsonNode sent = ok("POST", "/v1/users/messages", "{\"user_ids\":[\"c-1\",\"c-2\"],\"policy_id\":\""
            + policyId + "\"," + CONTENT + "}");
        assertThat(sent.path("success_count").asInt()).isEqualTo(2);
        Map<String, String> runByUser = new HashMap<>();
        Map<String, Long> msgByUser = new HashMap<>();
        for (JsonNode run : sent.path("runs")) {
            runByUser.put(run.path("user_id").asText(), run.path("run_id").asText());
            msgByUser.put(run.path("user_id").asText(), run.path("msg_id").asLong());
        }

        Await.until("the carrier got both SMS", E2e.TIMEOUT,
            () -> e2e.ismg().traffic("901234").recentSubmits().size() == 2);
        Map<String, String> tokenByMobile = new HashMap<>();
        for (CmppSubmit submit : e2e.ismg().traffic("901234").recentSubmits()) {
            SmsContent content = SmsText.decode(submit.msgFmt(), submit.tpUdhi(), submit.msgContent());
            Matcher m = Pattern.compile("【CMPPGW】Order A17: " + TRACKED.pattern())
                .matcher(((SmsContent.Text) content).text());
            assertThat(m.matches()).as(content.toString()).isTrue();
            assertThat(submit.pkTotal()).as("measured with a tracking URL's length").isEqualTo(1);
            tokenByMobile.put(submit.destTerminalIds().get(0), m.group(1));
        }
        assertThat(tokenByMobile).containsOnlyKeys("13800138001", "13800138002");
        assertThat(tokenByMobile.get("13800138001")).as("each user's own token")
            .isNotEqualTo(tokenByMobile.get("13800138002"));

        HttpResponse<String> click = fetch("/t/" + tokenByMobile.get("13800138001"));
        assertThat(click.statusCode()).as(click.body()).isEqualTo(302);
        assertThat(click.headers().firstValue("Location")).hasValue(SHOP);
        assertThat(history.firstClick(Channel.SMS, msgByUser.get("c-1"))).as("the click names c-1's SMS")
            .isPresent();
        assertThat(history.firstClick(Channel.SMS, msgByUser.get("c-2"))).isEmpty();

        JsonNode clicked = finished(runByUser.get("c-1"));
        assertThat(clicked.path("state").asText()).isEqualTo("clicked");
        assertThat(clicked.path("outcome_step").asInt()).isEqualTo(1);
        assertThat(clicked.path("steps").get(1).path("state").asText()).isEqualTo("not_needed");

        JsonNode other = finished(runByUser.get("c-2"));
        JsonNode step2 = other.path("steps").get(1);
        assertThat(step2.path("state").asText()).isEqualTo("sent");
        String emailId = step2.path("email_id").asText();
        Await.until("c-2's email", E2e.TIMEOUT, () -> e2e.smtp().stats().recentMessages().size() == 1);
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(e2e.smtp().stats().recentMessages().get(0).getBytes(StandardCharsets.UTF_8)));
        assertThat(mail.getHeader("X-Email-Id", null)).isEqualTo(emailId);
        String text = (String) ((MimeMultipart) mail.getContent()).getBodyPart(0).getContent();
        Matcher inText = TRACKED.matcher(text);
        assertThat(inText.find()).as(text).isTrue();
        assertThat(text).doesNotContain("shop.example.com");
        assertThat(inText.group(1)).as("step 2's own token").isNotIn(tokenByMobile.values());
        assertThat(fetch("/t/" + inText.group(1)).headers().firstValue("Location")).hasValue(SHOP);
        assertThat(history.firstClick(Channel.EMAIL, Long.parseLong(emailId))).isPresent();
    }

    @Test
    void aLaterSmsStepSentByTheRunnerHasTrackedLinksOfItsOwn() {
        start();
        ClickHistory history = e2e.gateway().clicks().orElseThrow();
        String policyId = policy("email", "sms");
        JsonNode sent = ok("POST", "/v1/users/messages", "{\"user_ids\":[\"c-1\"],\"policy_id\":\""
            + policyId + "\"," + CONTENT + "}");
        String runId = sent.path("runs").get(0).path("run_id").asText();
        Await.until("step 1's email", E2e.TIMEOUT, () -> e2e.smtp().stats().recentMessages().size() == 1);
        assertThat(e2e.smtp().stats().recentMessages().get(0)).doesNotContain("shop.example.com");

        JsonNode run = finished(runId);
        JsonNode step2 = run.path("steps").get(1);
        assertThat(step2.path("state").asText()).as("nobody clicked the email").isEqualTo("sent");
        long msgId = step2.path("msg_id").asLong();
        Await.until("the carrier got step 2", E2e.TIMEOUT,
            () -> !e2e.ismg().traffic("901234").recentSubmits().isEmpty());
        CmppSubmit submit = e2e.ismg().traffic("901234").recentSubmits().get(0);
        SmsContent content = SmsText.decode(submit.msgFmt(), submit.tpUdhi(), submit.msgContent());
        Matcher m = Pattern.compile("【CMPPGW】Order A17: " + TRACKED.pattern())
            .matcher(((SmsContent.Text) content).text());
        assertThat(m.matches()).as(content.toString()).isTrue();
        assertThat(history.firstClick(Channel.SMS, msgId)).isEmpty();
        HttpResponse<String> click = fetch("/t/" + m.group(1));
        assertThat(click.statusCode()).as(click.body()).isEqualTo(302);
        assertThat(click.headers().firstValue("Location")).hasValue(SHOP);
        assertThat(history.firstClick(Channel.SMS, msgId)).as("the click names step 2's SMS").isPresent();
    }

    @Test
    void aSendToUsersWithoutAPolicyTracksEachUsersLinks() throws Exception {
        start();
        ClickHistory history = e2e.gateway().clicks().orElseThrow();
        ok("POST", "/v1/users", USERS);
        JsonNode sms = ok("POST", "/v1/users/messages", "{\"channel\":\"sms\",\"user_ids\":[\"c-1\",\"c-2\"],"
            + CONTENT + "}");
        assertThat(sms.path("success_count").asInt()).isEqualTo(2);
        Await.until("the carrier got both SMS", E2e.TIMEOUT,
            () -> e2e.ismg().traffic("901234").recentSubmits().size() == 2);
        List<String> tokens = new ArrayList<>();
        for (CmppSubmit submit : e2e.ismg().traffic("901234").recentSubmits()) {
            SmsContent content = SmsText.decode(submit.msgFmt(), submit.tpUdhi(), submit.msgContent());
            Matcher m = Pattern.compile("【CMPPGW】Order A17: " + TRACKED.pattern())
                .matcher(((SmsContent.Text) content).text());
            assertThat(m.matches()).as(content.toString()).isTrue();
            tokens.add(m.group(1));
        }
        assertThat(tokens).doesNotHaveDuplicates();
        for (String token : tokens) {
            assertThat(fetch("/t/" + token).headers().firstValue("Location")).hasValue(SHOP);
        }
        for (JsonNode recipient : sms.path("recipients")) {
            assertThat(history.firstClick(Channel.SMS, recipient.path("msg_id").asLong())).as(recipient.toString())
                .isPresent();
        }

        JsonNode mail = ok("POST", "/v1/users/messages", "{\"channel\":\"email\",\"user_ids\":[\"c-1\"],"
            + CONTENT + "}");
        assertThat(mail.path("success_count").asInt()).isEqualTo(1);
        Await.until("the email", E2e.TIMEOUT, () -> e2e.smtp().stats().recentMessages().size() == 1);
        String text = textOf(e2e.smtp().stats().recentMessages().get(0));
        Matcher inMail = TRACKED.matcher(text);
        assertThat(inMail.find()).as(text).isTrue();
        assertThat(text).doesNotContain("shop.example.com");
        assertThat(fetch("/t/" + inMail.group(1)).headers().firstValue("Location")).hasValue(SHOP);
        assertThat(history.firstClick(Channel.EMAIL, mail.path("recipients").get(0).path("email_id").asLong()))
            .isPresent();
    }

    /** The plain-text part of a received mail. */
    private static String textOf(String raw) throws Exception {
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        return (String) ((MimeMultipart) mail.getContent()).getBodyPart(0).getContent();
    }

    @Test
    void withoutClickTrackingNotClickedAndTrackLinksAreRefused() {
        start("clicks.enabled=false");
        ok("POST", "/v1/users", USERS);
        HttpResponse<String> policy = E2e.json(e2e.api().resolve("/v1/policies"), "POST", E2e.APP_KEY,
            E2e.MASTER_SECRET, "{\"name\":\"clicks\",\"steps\":[{\"channel\":\"sms\"},"
                + "{\"channel\":\"email\",\"conditions\":"
                + "[{\"step\":1,\"event\":\"not_clicked\",\"within_seconds\":3}]}]}");
        assertThat(policy.statusCode()).as(policy.body()).isEqualTo(403);
        assertThat(E2e.read(policy.body()).path("error").path("code").asInt()).isEqualTo(50007);
        assertThat(E2e.read(policy.body()).path("error").path("message").asText()).contains("needs click tracking");
        String delivered = ok("POST", "/v1/policies", "{\"name\":\"d\",\"steps\":[{\"channel\":\"sms\"},"
            + "{\"channel\":\"email\",\"conditions\":[{\"step\":1,\"event\":\"not_delivered\","
            + "\"within_seconds\":3}]}]}").path("policy_id").asText();
        for (String send : List.of("\"policy_id\":\"" + delivered + "\"", "\"channel\":\"sms\"")) {
            HttpResponse<String> refused = E2e.json(e2e.api().resolve("/v1/users/messages"), "POST", E2e.APP_KEY,
                E2e.MASTER_SECRET, "{\"user_ids\":[\"c-1\"]," + send + "," + CONTENT + "}");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
            assertThat(E2e.read(refused.body()).path("error").path("code").asInt()).isEqualTo(50501);
        }
        assertThat(e2e.ismg().traffic("901234").recentSubmits()).isEmpty();
    }

    /** A policy: {@code first}, then {@code second} when step 1 is not clicked within 3 s; its id. */
    private String policy(String first, String second) {
        ok("POST", "/v1/users", USERS);
        return ok("POST", "/v1/policies", "{\"name\":\"clicks\",\"steps\":[{\"channel\":\"" + first + "\"},"
            + "{\"channel\":\"" + second + "\",\"conditions\":[{\"step\":1,\"event\":\"not_clicked\","
            + "\"within_seconds\":3}]}]}").path("policy_id").asText();
    }

    private JsonNode ok(String method, String path, String body) {
        HttpResponse<String> response = E2e.json(e2e.api().resolve(path), method, E2e.APP_KEY, E2e.MASTER_SECRET, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return E2e.read(response.body());
    }

    private JsonNode finished(String runId) {
        Await.until("run " + runId + " finished", E2e.TIMEOUT, () -> !ok("GET", "/v1/policy_runs/" + runId, null)
            .path("state").asText().equals("running"), () -> ok("GET", "/v1/policy_runs/" + runId, null));
        return ok("GET", "/v1/policy_runs/" + runId, null);
    }

    private HttpResponse<String> fetch(String path) {
        try {
            return NO_REDIRECTS.send(HttpRequest.newBuilder(e2e.api().resolve(path)).timeout(E2e.TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("GET " + path + " interrupted", e);
        }
    }
}
