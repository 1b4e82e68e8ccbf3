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
        Pattern acknowledged = Pattern.compile("<td>SMS_REPORT</td><td>\\d{4}-[^<]+</td><td>1</td>");
        Await.until("its detail shows the report callback acknowledged", E2e.TIMEOUT,
            () -> acknowledged.matcher(browser.get("/console/messages/" + msgId).body()).find());
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

    @Test
    void balancesAreToppedUpAllocatedAndReturnedWithTheApisRulesAndLogged() {
        ConsoleClient browser = operator();
        String token = ConsoleClient.csrf(browser.get("/console/balances").body());
        assertThat(browser.post("/console/balances/top_up", Map.of("csrf", token, "type", "industry",
            "amount", "1000")).statusCode()).isEqualTo(303);
        HttpResponse<String> allocated = browser.post("/console/balances/allocate", Map.of("csrf", token,
            "app_key", E2e.APP_KEY, "type", "industry", "amount", "300"));
        assertThat(allocated.statusCode()).isEqualTo(303);
        assertThat(browser.get(allocated.headers().firstValue("Location").orElseThrow()).body())
            .contains("Done: allocate.");
        HttpResponse<String> tooMuch = browser.post("/console/balances/return", Map.of("csrf", token,
            "app_key", E2e.APP_KEY, "type", "industry", "amount", "301"));
        assertThat(tooMuch.statusCode()).isEqualTo(403);
        assertThat(tooMuch.body()).contains("50014: no money: 300 industry available, 301 asked");
        HttpResponse<String> badType = browser.post("/console/balances/allocate", Map.of("csrf", token,
            "app_key", E2e.APP_KEY, "type", "gold", "amount", "1"));
        assertThat(badType.statusCode()).isEqualTo(403);
        assertThat(badType.body()).contains("50007: type: gold (expected: industry, market or voice)");
        assertThat(browser.post("/console/balances/allocate", Map.of("csrf", token, "app_key", "nobody",
            "type", "industry", "amount", "1")).body())
            .contains("50007: app_key: \"nobody\" (expected: a configured app)");
        assertThat(browser.post("/console/balances/top_up", Map.of("csrf", token, "type", "industry",
            "amount", "-5")).body()).contains("50007: amount: -5 (expected: a whole number of parts");

        String page = browser.get("/console/balances").body();
        assertThat(page).contains("<td>" + E2e.APP_KEY + "</td><td>300</td>")
            .contains("<td>account (unallocated)</td><td>700</td>")
            .contains("<td>demo-operator</td><td>allocate</td><td>" + E2e.APP_KEY + "</td><td>industry</td>"
                + "<td>300</td><td>300</td><td>700</td>");
        HttpResponse<String> api = E2e.json(ConsolePagesIT.api.resolve("/operator/v1/balances/log?page=1"), "GET",
            OPERATOR, PASSWORD, null);
        assertThat(E2e.read(api.body()).path("total").asLong()).as("the operator API sees the same log")
            .isEqualTo(2);
    }

    @Test
    void anAppsUsersArePagedAndFoundByIdMobileOrEmailAndItsPoliciesDeleted() {
        StringBuilder users = new StringBuilder("{\"users\":[");
        for (int i = 0; i < 60; i++) {
            users.append(i == 0 ? "" : ",").append("{\"user_id\":\"u-").append(String.format("%03d", i))
                .append("\",\"mobile\":\"1380013").append(String.format("%04d", i)).append("\",\"email\":\"u")
                .append(i).append("@example.com\"}");
        }
        HttpResponse<String> imported = E2e.json(api.resolve("/v1/users"), "POST", E2e.APP_KEY, E2e.MASTER_SECRET,
            users.append("]}").toString());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        ConsoleClient browser = operator();
        String first = browser.get("/console/users?app=" + E2e.APP_KEY).body();
        assertThat(first).contains("50 users of " + E2e.APP_KEY, "u-000", "u-049").doesNotContain("u-050");
        String second = browser.get("/console/users?app=" + E2e.APP_KEY + "&q=&after=u-049").body();
        assertThat(second).contains("10 users of", "u-050", "u-059").doesNotContain("u-049<");
        assertThat(browser.get("/console/users?app=" + E2e.APP_KEY + "&q=13800130007").body())
            .contains("1 users of", "u-007");
        assertThat(browser.get("/console/users?app=" + E2e.APP_KEY + "&q=u8%40example.com").body())
            .contains("1 users of", "u-008");
        assertThat(browser.get("/console/users?app=" + E2e.APP_KEY + "&q=u-011").body()).contains("u-011");
        assertThat(browser.get("/console/users/detail?app=" + E2e.APP_KEY + "&id=u-012").body())
            .contains("id=\"user-id\">u-012<", "13800130012", "u12@example.com");
        HttpResponse<String> unknown = browser.get("/console/users/detail?app=" + E2e.APP_KEY + "&id=nobody");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("50401");

        HttpResponse<String> created = E2e.json(api.resolve("/v1/policies"), "POST", E2e.APP_KEY, E2e.MASTER_SECRET,
            "{\"name\":\"sms then email\",\"steps\":[{\"channel\":\"sms\"},{\"channel\":\"email\","
                + "\"relation\":\"and\",\"conditions\":[{\"step\":1,\"event\":\"not_delivered\","
                + "\"within_minutes\":5}]}]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String policyId = E2e.read(created.body()).path("policy_id").asText();
        String policies = browser.get("/console/policies?app=" + E2e.APP_KEY).body();
        assertThat(policies).contains("sms then email", "policy_id " + policyId,
            "step 1 not_delivered within 5 min");
        String token = ConsoleClient.csrf(policies);
        HttpResponse<String> deleted = browser.post("/console/policies/" + policyId + "/delete",
            Map.of("csrf", token, "app_key", E2e.APP_KEY));
        assertThat(deleted.statusCode()).isEqualTo(303);
        assertThat(browser.get(deleted.headers().firstValue("Location").orElseThrow()).body())
            .contains("Deleted policy " + policyId).doesNotContain("policy_id " + policyId);
        HttpResponse<String> again = browser.post("/console/policies/" + policyId + "/delete",
            Map.of("csrf", token, "app_key", E2e.APP_KEY));
        assertThat(again.statusCode()).isEqualTo(403);
        assertThat(again.body()).contains("50403");
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
