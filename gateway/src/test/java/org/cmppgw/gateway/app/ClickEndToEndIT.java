package org.cmppgw.gateway.app;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Click tracking end to end (issue 11, docs/api.md "Click tracking") on a real gateway (H2), the CMPP simulator and
 * the SMTP sink: the tracked link is what the carrier and the mail server receive; its tracking URL, fetched by a
 * client that follows no redirect, answers 302 to the original link (GET and HEAD), counts every click and calls back
 * CLICK once per message; {@link ClickHistory#firstClick} answers; unknown or malformed tokens get 404 and no
 * Location; a send asking for tracking while it is off is refused.
 */
class ClickEndToEndIT {
    /** As behind a proxy: the public address of the API listener's /t path. */
    private static final String PUBLIC_BASE = "https://go.example.test/t/";
    private static final Pattern TRACKED = Pattern.compile(Pattern.quote(PUBLIC_BASE) + "([A-Za-z0-9_-]{22})");
    private static final String SHOP = "https://shop.example.com/o/A17?ref=sms&x=1";
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
    void anSmsLinkIsTrackedRedirectedAndCalledBackOnce() {
        start();
        ClickHistory history = e2e.gateway().clicks().orElseThrow();
        HttpResponse<String> sent = E2e.json(e2e.api().resolve("/v1/messages"), "POST", E2e.APP_KEY, E2e.MASTER_SECRET,
            "{\"mobile\":\"13800138000\",\"temp_id\":2,\"sign_id\":1,\"track_links\":true,"
                + "\"temp_para\":{\"order\":\"A17\",\"link\":\"" + SHOP + "\"}}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        long msgId = Long.parseLong(E2e.read(sent.body()).path("msg_id").asText());

        Await.until("the carrier got the message", E2e.TIMEOUT,
            () -> !e2e.ismg().traffic("901234").recentSubmits().isEmpty());
        CmppSubmit submit = e2e.ismg().traffic("901234").recentSubmits().get(0);
        assertThat(submit.pkTotal()).as("one part: measured after rewriting").isEqualTo(1);
        SmsContent content = SmsText.decode(submit.msgFmt(), submit.tpUdhi(), submit.msgContent());
        String text = ((SmsContent.Text) content).text();
        Matcher link = Pattern.compile("【CMPPGW】Order A17: " + TRACKED.pattern()).matcher(text);
        assertThat(link.matches()).as(text).isTrue();
        String token = link.group(1);
        assertThat(history.firstClick(Channel.SMS, msgId)).as("not clicked yet").isEmpty();

        Instant before = Instant.now();
        HttpResponse<String> click = fetch("GET", "/t/" + token);
        assertThat(click.statusCode()).as(click.body()).isEqualTo(302);
        assertThat(click.headers().firstValue("Location")).hasValue(SHOP);
        assertThat(click.headers().firstValue("Cache-Control")).hasValue("no-store");
        HttpResponse<String> head = fetch("HEAD", "/t/" + token);
        assertThat(head.statusCode()).isEqualTo(302);
        assertThat(head.headers().firstValue("Location")).hasValue(SHOP);
        assertThat(fetch("GET", "/t/" + token + "?utm_source=x").statusCode()).isEqualTo(302);
        Instant after = Instant.now();

        Await.until("the CLICK callback", E2e.TIMEOUT,
            () -> !e2e.callbacks().clicks().isEmpty() && outboxRows(7) == 0);
        assertThat(e2e.callbacks().clicks()).as("once per message, however many clicks").hasSize(1);
        JsonNode data = e2e.callbacks().clicks().get(0);
        assertThat(data.path("msgId").asText()).isEqualTo(Long.toString(msgId));
        assertThat(data.path("url").asText()).isEqualTo(SHOP);
        assertThat(data.path("clickTime").asLong()).isBetween(before.getEpochSecond(), after.getEpochSecond());
        Instant first = history.firstClick(Channel.SMS, msgId).orElseThrow();
        assertThat(first).isBetween(before.minusMillis(1), after);
        assertThat(history.firstClick(Channel.EMAIL, msgId)).as("another channel's id space").isEmpty();
        assertThat(clicksOf(token)).as("every click counted").isEqualTo(3);

        for (String bad : List.of("AAAAAAAAAAAAAAAAAAAAAA", "abc", token + "x", token.substring(0, 21) + "%2F")) {
            HttpResponse<String> unknown = fetch("GET", "/t/" + bad);
            assertThat(unknown.statusCode()).as(bad).isEqualTo(404);
            assertThat(unknown.headers().firstValue("Location")).as(bad).isEmpty();
            assertThat(E2e.read(unknown.body()).path("error").path("code").asInt()).isEqualTo(50502);
        }
        String metrics = E2e.management("127.0.0.1", e2e.gateway().managementAddress().getPort(), "/metrics").body();
        assertThat(E2e.metric(metrics, "cmppgw_clicks_total", "channel=\"sms\"")).isEqualTo(3);
        assertThat(E2e.metric(metrics, "cmppgw_click_unknown_total")).isEqualTo(4);
    }

    @Test
    void eachRecipientOfABatchGetsItsOwnTrackedLinks() {
        start();
        ClickHistory history = e2e.gateway().clicks().orElseThrow();
        HttpResponse<String> sent = E2e.json(e2e.api().resolve("/v1/messages/batch"), "POST", E2e.APP_KEY,
            E2e.MASTER_SECRET, "{\"temp_id\":2,\"sign_id\":1,\"track_links\":true,\"recipients\":["
                + recipient("13800138001", "B1") + "," + recipient("12345", "B2") + ","
                + recipient("13800138003", "B3") + "]}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        JsonNode answer = E2e.read(sent.body());
        assertThat(answer.path("failure_count").asInt()).as("an invalid mobile").isEqualTo(1);
        Map<String, Long> msgIdByOrder = Map.of(
            "B1", answer.path("recipients").get(0).path("msg_id").asLong(),
            "B3", answer.path("recipients").get(1).path("msg_id").asLong());

        Await.until("the carrier got both", E2e.TIMEOUT,
            () -> e2e.ismg().traffic("901234").recentSubmits().size() == 2);
        Pattern sms = Pattern.compile("【CMPPGW】Order (B[13]): " + TRACKED.pattern());
        for (CmppSubmit submit : e2e.ismg().traffic("901234").recentSubmits()) {
            SmsContent content = SmsText.decode(submit.msgFmt(), submit.tpUdhi(), submit.msgContent());
            Matcher m = sms.matcher(((SmsContent.Text) content).text());
            assertThat(m.matches()).as(content.toString()).isTrue();
            String order = m.group(1);
            HttpResponse<String> click = fetch("GET", "/t/" + m.group(2));
            assertThat(click.statusCode()).isEqualTo(302);
            assertThat(click.headers().firstValue("Location"))
                .hasValue("https://a.example/" + order.toLowerCase(Locale.ROOT));
            assertThat(history.firstClick(Channel.SMS, msgIdByOrder.get(order))).as(order).isPresent();
        }
        Await.until("a CLICK per message", E2e.TIMEOUT, () -> e2e.callbacks().clicks().size() == 2);
    }

    /** A batch recipient whose link is https://a.example/ + the order in lower case. */
    private static String recipient(String mobile, String order) {
        return "{\"mobile\":\"" + mobile + "\",\"temp_para\":{\"order\":\"" + order
            + "\",\"link\":\"https://a.example/" + order.toLowerCase(Locale.ROOT) + "\"}}";
    }

    @Test
    void eachCopyOfAMailGetsItsOwnTrackedLinks() throws Exception {
        start();
        ClickHistory history = e2e.gateway().clicks().orElseThrow();
        String shop = "https://shop.example.com/x?a=1&b=2";
        HttpResponse<String> sent = E2e.json(e2e.api().resolve("/v1/emails"), "POST", E2e.APP_KEY, E2e.MASTER_SECRET,
            "{\"to\":[\"a@example.com\",\"b@example.com\"],\"subject\":\"Spring sale\",\"track_links\":true,"
                + "\"html\":\"<p><a href=\\\"https://shop.example.com/x?a=1&amp;b=2\\\">Shop</a>"
                + " <a href=\\\"mailto:help@example.com\\\">help</a></p>\","
                + "\"text\":\"Shop: " + shop + ".\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        JsonNode recipients = E2e.read(sent.body()).path("recipients");
        String first = recipients.get(0).path("email_id").asText();
        String second = recipients.get(1).path("email_id").asText();

        Await.until("both copies received", E2e.TIMEOUT, () -> e2e.smtp().stats().recentMessages().size() == 2);
        Map<String, String> tokenById = new HashMap<>();
        for (String raw : e2e.smtp().stats().recentMessages()) {
            MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
            MimeMultipart parts = (MimeMultipart) mail.getContent();
            String text = body(parts.getBodyPart(0));
            String html = body(parts.getBodyPart(1));
            Matcher inText = TRACKED.matcher(text);
            Matcher inHtml = TRACKED.matcher(html);
            assertThat(inText.find()).as(text).isTrue();
            assertThat(inHtml.find()).as(html).isTrue();
            assertThat(inHtml.group(1)).as("one token per link of a copy").isEqualTo(inText.group(1));
            assertThat(text).endsWith(inText.group() + ".");
            assertThat(html).contains("href=\"mailto:help@example.com\"").doesNotContain("shop.example.com");
            tokenById.put(mail.getHeader("X-Email-Id", null), inText.group(1));
        }
        assertThat(tokenById).containsOnlyKeys(first, second);
        assertThat(tokenById.get(first)).isNotEqualTo(tokenById.get(second));

        HttpResponse<String> click = fetch("GET", "/t/" + tokenById.get(first));
        assertThat(click.statusCode()).as(click.body()).isEqualTo(302);
        assertThat(click.headers().firstValue("Location")).as("the href with its &amp; decoded").hasValue(shop);

        Await.until("the CLICK callback", E2e.TIMEOUT, () -> !e2e.callbacks().clicks().isEmpty());
        JsonNode data = e2e.callbacks().clicks().get(0);
        assertThat(data.path("emailId").asText()).isEqualTo(first);
        assertThat(data.path("url").asText()).isEqualTo(shop);
        assertThat(history.firstClick(Channel.EMAIL, Long.parseLong(first))).isPresent();
        assertThat(history.firstClick(Channel.EMAIL, Long.parseLong(second))).as("the other copy").isEmpty();
    }

    @Test
    void aSendAskingForTrackingIsRefusedWhileItIsOff() {
        start("clicks.enabled=false");
        assertThat(e2e.gateway().clicks()).isEmpty();
        HttpResponse<String> sms = E2e.json(e2e.api().resolve("/v1/messages"), "POST", E2e.APP_KEY, E2e.MASTER_SECRET,
            "{\"mobile\":\"13800138000\",\"temp_id\":2,\"sign_id\":1,\"track_links\":true,"
                + "\"temp_para\":{\"order\":\"A17\",\"link\":\"" + SHOP + "\"}}");
        assertThat(sms.statusCode()).as(sms.body()).isEqualTo(403);
        assertThat(E2e.read(sms.body()).path("error").path("code").asInt()).isEqualTo(50501);
        HttpResponse<String> mail = E2e.json(e2e.api().resolve("/v1/emails"), "POST", E2e.APP_KEY, E2e.MASTER_SECRET,
            "{\"to\":[\"a@example.com\"],\"subject\":\"s\",\"text\":\"" + SHOP + "\",\"track_links\":true}");
        assertThat(mail.statusCode()).as(mail.body()).isEqualTo(403);
        assertThat(E2e.read(mail.body()).path("error").path("code").asInt()).isEqualTo(50501);
        HttpResponse<String> plain = E2e.json(e2e.api().resolve("/v1/messages"), "POST", E2e.APP_KEY, E2e.MASTER_SECRET,
            "{\"mobile\":\"13800138000\",\"temp_id\":2,\"sign_id\":1,"
                + "\"temp_para\":{\"order\":\"A17\",\"link\":\"" + SHOP + "\"}}");
        assertThat(plain.statusCode()).as("without track_links the link is sent as is").isEqualTo(200);
        Await.until("the carrier got the message", E2e.TIMEOUT,
            () -> !e2e.ismg().traffic("901234").recentSubmits().isEmpty());
        assertThat(fetch("GET", "/t/AAAAAAAAAAAAAAAAAAAAAA").statusCode()).as("no tracking route").isEqualTo(404);
    }

    private HttpResponse<String> fetch(String method, String path) {
        try {
            return NO_REDIRECTS.send(HttpRequest.newBuilder(e2e.api().resolve(path)).timeout(E2e.TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " interrupted", e);
        }
    }

    private static String body(BodyPart part) throws MessagingException, IOException {
        return (String) part.getContent();
    }

    /** Callbacks of {@code kind} still owed, in the outbox or held by the node (a sent one is deleted). */
    private long outboxRows(int kind) {
        return query("SELECT (SELECT COUNT(*) FROM callback_outbox WHERE kind = " + kind
            + ") + (SELECT COUNT(*) FROM held_callback WHERE kind = " + kind + ")");
    }

    private long clicksOf(String token) {
        return query("SELECT clicks FROM click_link WHERE token = X'" + hex(token) + "'");
    }

    private static String hex(String token) {
        StringBuilder out = new StringBuilder();
        for (byte b : java.util.Base64.getUrlDecoder().decode(token)) {
            out.append(String.format("%02x", b));
        }
        return out.toString();
    }

    private long query(String sql) {
        try (Connection c = DriverManager.getConnection(e2e.db(), "sa", "");
             PreparedStatement select = c.prepareStatement(sql);
             ResultSet row = select.executeQuery()) {
            return row.next() ? row.getLong(1) : -1;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
