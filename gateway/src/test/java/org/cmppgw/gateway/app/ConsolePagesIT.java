package org.cmppgw.gateway.app;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cmppgw.simulator.ismg.IsmgConfig;
import org.cmppgw.simulator.ismg.IsmgServer;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10: what the console's test send, template preview and schedule pages do, over real HTTP against a real
 * gateway on H2 and the simulated ISMG (docs/operations.md "Console"). A test SMS is stored, submitted, reported and
 * called back like an app's send; a preview counts characters and parts as the dispatcher cuts them; a schedule is
 * listed, shown with its msg_id once fired, and cancelled with the codes of {@code DELETE /v1/schedule/{id}}.
 */
final class ConsolePagesIT {
    private static final String OPERATOR = "demo-operator";
    private static final String PASSWORD = "demo-operator-password";
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Pattern SENT = Pattern.compile("msg_id=(\\d+)");
    /** 【CMPPGW】, the demo configuration's signature 1, in front of every text. */
    private static final int SIGNATURE = "【CMPPGW】".length();

    @TempDir
    static Path dir;
    private static IsmgServer ismg;
    private static CallbackSink sink;
    private static Gateway gateway;
    private static URI api;

    @BeforeAll
    static void start() {
        ismg = IsmgServer.start(IsmgConfig.defaults().withPort(0), Clock.systemUTC(), new SimpleMeterRegistry());
        sink = CallbackSink.start();
        gateway = Gateway.start(E2e.config(E2e.overrides(ismg.port(), E2e.h2Url(dir), "sa", "", sink.uri())),
            Clock.systemUTC());
        api = URI.create("http://127.0.0.1:" + gateway.apiAddress().getPort());
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (sink != null) {
            sink.close();
        }
        if (ismg != null) {
            ismg.close();
        }
    }

    private static ConsoleClient operator() {
        ConsoleClient browser = new ConsoleClient(gateway.managementAddress().getPort());
        assertThat(browser.login(OPERATOR, PASSWORD).statusCode()).isEqualTo(303);
        return browser;
    }

    private static long template(String content) {
        HttpResponse<String> created = E2e.json(api.resolve("/v1/templates"), "POST", E2e.APP_KEY, E2e.MASTER_SECRET,
            "{\"temp_id\":0,\"template\":\"" + content + "\",\"type\":2}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        return E2e.read(created.body()).path("temp_id").asLong();
    }

    private static String preview(ConsoleClient browser, long tempId, String variables) {
        HttpResponse<String> page = browser.get("/console/templates/" + tempId + "?preview=1&sign_id=1&variables="
            + URLEncoder.encode(variables, StandardCharsets.UTF_8));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return page.body();
    }

    private static String field(String page, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\">([^<]*)<").matcher(page);
        assertThat(m.find()).as(id + " in " + page).isTrue();
        return m.group(1);
    }

    @Test
    void aPreviewCountsCharactersAndPartsAsTheDispatcherCutsThem() {
        ConsoleClient browser = operator();
        String chinese70 = "短".repeat(70 - SIGNATURE);
        long single = template(chinese70);
        String page = preview(browser, single, "");
        assertThat(field(page, "preview-text")).isEqualTo("【CMPPGW】" + chinese70);
        assertThat(field(page, "preview-length")).isEqualTo("70 characters");
        assertThat(field(page, "preview-parts")).as("70 UCS2 units fit one message").isEqualTo("1");

        long two = template("短".repeat(71 - SIGNATURE));
        page = preview(browser, two, "");
        assertThat(field(page, "preview-length")).isEqualTo("71 characters");
        assertThat(field(page, "preview-parts")).as("71 characters: two parts of up to 67").isEqualTo("2");

        long three = template("长".repeat(135 - SIGNATURE));
        assertThat(field(preview(browser, three, ""), "preview-parts")).as("135 = 67 + 67 + 1").isEqualTo("3");

        long ascii = template("Parcel {{parcel}} arrives {{day}}");
        page = preview(browser, ascii, "parcel=P-7\nday=Monday");
        assertThat(field(page, "preview-text")).isEqualTo("【CMPPGW】Parcel P-7 arrives Monday");
        assertThat(field(page, "preview-length")).isEqualTo((SIGNATURE + "Parcel P-7 arrives Monday".length())
            + " characters");
        assertThat(field(page, "preview-parts")).isEqualTo("1");
    }

    @Test
    void aPreviewWithMissingOrBadVariablesSaysWhy() {
        ConsoleClient browser = operator();
        long tempId = template("Parcel {{parcel}} arrives");
        HttpResponse<String> missing = browser.get("/console/templates/" + tempId + "?preview=1&sign_id=1");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("50022").doesNotContain("preview-parts");
        HttpResponse<String> badLine = browser.get("/console/templates/" + tempId + "?preview=1&variables="
            + URLEncoder.encode("parcel", StandardCharsets.UTF_8));
        assertThat(badLine.statusCode()).isEqualTo(400);
        assertThat(badLine.body()).contains("variables: line 1 (expected: name=value)");
        assertThat(browser.get("/console/templates/999999").statusCode()).isEqualTo(404);
        assertThat(browser.get("/console/templates/" + tempId).body()).contains("Parcel {{parcel}} arrives")
            .doesNotContain("preview-parts");
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aTestSmsIsStoredSubmittedReportedAndCalledBack() {
        ConsoleClient browser = operator();
        String token = ConsoleClient.csrf(browser.get("/console/send").body());
        HttpResponse<String> sent = browser.post("/console/send", Map.of("csrf", token, "app", E2e.APP_KEY,
            "temp_id", "1", "sign_id", "1", "mobile", "13700137001", "variables", "code=246810"));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(303);
        Matcher id = SENT.matcher(sent.headers().firstValue("Location").orElseThrow());
        assertThat(id.find()).isTrue();
        String msgId = id.group(1);
        HttpResponse<String> form = browser.get(sent.headers().firstValue("Location").orElseThrow());
        assertThat(form.body()).contains("href=\"/console/messages/" + msgId + "\"");

        Await.until("SMS_REPORT of the test SMS", E2e.TIMEOUT, () -> sink.reports().containsKey(msgId),
            sink::reports);
        Await.until("its detail shows it delivered", E2e.TIMEOUT,
            () -> browser.get("/console/messages/" + msgId).body().contains("DELIVRD"));
        String detail = browser.get("/console/messages/" + msgId).body();
        assertThat(detail).contains("【CMPPGW】Your code is 246810", "13700137001");
    }

    @Test
    void aRefusedTestSmsKeepsTheFormAndSaysWhy() {
        ConsoleClient browser = operator();
        String token = ConsoleClient.csrf(browser.get("/console/send").body());
        HttpResponse<String> badMobile = browser.post("/console/send", Map.of("csrf", token, "app", E2e.APP_KEY,
            "temp_id", "1", "sign_id", "1", "mobile", "12345", "variables", "code=1"));
        assertThat(badMobile.statusCode()).isEqualTo(400);
        assertThat(badMobile.body()).contains("50006", "value=\"12345\"");
        HttpResponse<String> noApp = browser.post("/console/send", Map.of("csrf", token, "app", "nobody",
            "temp_id", "1", "mobile", "13700137002"));
        assertThat(noApp.statusCode()).isEqualTo(400);
        assertThat(noApp.body()).contains("50007: app: nobody (expected: a configured app)");
        HttpResponse<String> badTemplate = browser.post("/console/send", Map.of("csrf", token, "app", E2e.APP_KEY,
            "temp_id", "x1", "mobile", "13700137002"));
        assertThat(badTemplate.statusCode()).isEqualTo(400);
        assertThat(badTemplate.body()).contains("temp_id: x1 (expected: a positive number)");
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void schedulesAreListedShownWithTheirMsgIdOnceFiredAndCancelledAsTheApiDoes() {
        String later = schedule(3600, "13700137010");
        String soon = schedule(2, "13700137011");
        ConsoleClient browser = operator();
        String scheduled = browser.get("/console/schedules?app=" + E2e.APP_KEY + "&status=scheduled").body();
        assertThat(scheduled).contains(later);

        String page = browser.get("/console/schedules/" + later).body();
        assertThat(page).contains("13700137010", "id=\"cancel\"");
        String token = ConsoleClient.csrf(page);
        HttpResponse<String> cancelled = browser.post("/console/schedules/" + later + "/cancel",
            Map.of("csrf", token));
        assertThat(cancelled.statusCode()).isEqualTo(303);
        assertThat(browser.get(cancelled.headers().firstValue("Location").orElseThrow()).body())
            .contains("Cancelled", "id=\"schedule-status\">deleted<");
        HttpResponse<String> again = browser.post("/console/schedules/" + later + "/cancel", Map.of("csrf", token));
        assertThat(again.statusCode()).isEqualTo(403);
        assertThat(again.body()).contains("50029");
        assertThat(E2e.json(api.resolve("/v1/schedule/" + later), "GET", E2e.APP_KEY, E2e.MASTER_SECRET, null)
            .body()).as("the API no longer knows it").contains("50028");
        assertThat(browser.get("/console/schedules?app=" + E2e.APP_KEY + "&status=deleted").body()).contains(later);

        Await.until("the near schedule fired", E2e.TIMEOUT,
            () -> browser.get("/console/schedules/" + soon).body().contains("id=\"schedule-status\">sent<"));
        Matcher msg = Pattern.compile("href=\"/console/messages/(\\d+)\"")
            .matcher(browser.get("/console/schedules/" + soon).body());
        assertThat(msg.find()).as("the recipient's msg_id links its message").isTrue();
        assertThat(browser.get("/console/messages/" + msg.group(1)).body()).contains("13700137011");
        HttpResponse<String> sentOne = browser.post("/console/schedules/" + soon + "/cancel", Map.of("csrf", token));
        assertThat(sentOne.statusCode()).isEqualTo(403);
        assertThat(sentOne.body()).contains("50029");

        assertThat(browser.post("/console/schedules/00000000-0000-0000-0000-000000000000/cancel",
            Map.of("csrf", token)).body()).contains("50028");
        HttpResponse<String> badStatus = browser.get("/console/schedules?status=lost");
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(badStatus.body()).contains("status: lost (expected: one of scheduled, sending, sent, deleted)");
    }

    private static String schedule(long seconds, String mobile) {
        String sendTime = LocalDateTime.now(ZONE).plusSeconds(seconds).truncatedTo(ChronoUnit.SECONDS)
            .plusSeconds(1).format(FORMAT);
        HttpResponse<String> created = E2e.json(api.resolve("/v1/schedule"), "POST", E2e.APP_KEY, E2e.MASTER_SECRET,
            "{\"send_time\":\"" + sendTime + "\",\"mobile\":\"" + mobile
                + "\",\"temp_id\":1,\"sign_id\":1,\"temp_para\":{\"code\":\"4242\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        return E2e.read(created.body()).path("schedule_id").asText();
    }
}
