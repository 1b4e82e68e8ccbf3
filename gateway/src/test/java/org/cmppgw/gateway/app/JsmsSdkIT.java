package org.cmppgw.gateway.app;

import cn.jiguang.common.resp.APIRequestException;
import cn.jsms.api.JSMSClient;
import cn.jsms.api.SendSMSResult;
import cn.jsms.api.account.AccountBalanceResult;
import cn.jsms.api.account.AppBalanceResult;
import cn.jsms.api.common.JSMSConfig;
import cn.jsms.api.common.model.BatchSMSPayload;
import cn.jsms.api.common.model.BatchSMSResult;
import cn.jsms.api.common.model.RecipientPayload;
import cn.jsms.api.common.model.SMSPayload;
import cn.jsms.api.schedule.model.ScheduleResult;
import cn.jsms.api.schedule.model.ScheduleSMSPayload;
import cn.jsms.api.schedule.model.ScheduleSMSResult;
import cn.jsms.api.template.SendTempSMSResult;
import cn.jsms.api.template.TempSMSResult;
import cn.jsms.api.template.TemplatePayload;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cmppgw.simulator.ismg.IsmgConfig;
import org.cmppgw.simulator.ismg.IsmgServer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The published JSMS Java SDK ({@code cn.jpush.api:jsms-client:1.2.9}, test scope) pointed at the gateway as an
 * existing client would be: only its API host changed ({@code sms.api.host.name}), as the shipped
 * config/gateway.yaml's second app, whose JSMS-shaped credentials the SDK accepts (issue 12, "Existing clients work
 * unchanged"). The gateway sends through the simulator. Every call the SDK offers has a test: each succeeds and its
 * result class parses, and its refusals reach the SDK as JSMS codes.
 */
final class JsmsSdkIT {
    /** The shipped configuration's second app (config/gateway.yaml). */
    static final String APP_KEY = "7d431e42dfa6a6d693ac2d04";
    static final String MASTER_SECRET = "5e987ac6d2e04d95a9d8f0d1";
    private static final String MOBILE = "13800138000";
    /** A week ahead in the gateway's zone (schedules.zone): never due while the tests run. */
    private static final String SEND_TIME = LocalDateTime.now(ZoneId.of("Asia/Shanghai")).plusDays(7)
        .truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
    /** The account's dev credentials for {@code GET /v1/accounts/dev}, JSMS-shaped as the SDK demands. */
    static final String DEV_KEY = "0a1b2c3d4e5f60718293a4b5";
    static final String DEV_SECRET = "f0e1d2c3b4a5968778695a4b";
    /** A verification-code template added to the shipped configuration for {@code sendSMSCode}. */
    private static final int CODE_TEMPLATE = 2;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    static Path dir;

    private static IsmgServer ismg;
    private static Gateway gateway;
    private static URI api;
    private static JSMSClient sdk;

    @BeforeAll
    static void start() {
        ismg = IsmgServer.start(IsmgConfig.defaults().withPort(0), Clock.systemUTC(), new SimpleMeterRegistry());
        gateway = Gateway.start(E2e.config(E2e.overrides(ismg.port(), E2e.h2Url(dir), "sa", "",
            URI.create("http://127.0.0.1:9/unused")), "server.maxRequestSize=64KB", "templates[1].id=" + CODE_TEMPLATE,
            "templates[1].content=您的验证码是{{code}}", "templates[1].type=code", "templates[1].ttl=300",
            "billing.devKey=" + DEV_KEY, "billing.devSecret=" + DEV_SECRET),
            Clock.systemUTC());
        api = URI.create("http://127.0.0.1:" + gateway.apiAddress().getPort());
        // The SDK reads its host from one process-wide map; this is the only setting an existing client changes.
        JSMSConfig.getInstance().getClientConfig().put("sms.api.host.name", api.toString());
        sdk = new JSMSClient(MASTER_SECRET, APP_KEY, null, JSMSConfig.getInstance());
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (ismg != null) {
            ismg.close();
        }
    }

    @Test
    void sendTemplateSmsSucceedsAndItsReportIsPulledOnce() throws Exception {
        SendSMSResult sent = sdk.sendTemplateSMS(SMSPayload.newBuilder().setMobileNumber(MOBILE).setTempId(1)
            .setSignId(1).addTempPara("code", "123456").build());

        assertThat(sent.getResponseCode()).isEqualTo(200);
        assertThat(sent.getMessageId()).matches("[0-9]+");
        JsonNode report = pullUntil("/v1/report", "msgId", sent.getMessageId());
        assertThat(report.get("status").asInt()).isEqualTo(4001);
        assertThat(report.get("phone").asText()).isEqualTo(MOBILE);
    }

    @Test
    void sendBatchTemplateSmsSucceedsAndParsesTheFailures() throws Exception {
        BatchSMSResult result = sdk.sendBatchTemplateSMS(BatchSMSPayload.newBuilder().setTempId(1).setSignId(1)
            .addRecipient(RecipientPayload.newBuilder().setMobile("13800138001").addTempPara("code", "1").build())
            .addRecipient(RecipientPayload.newBuilder().setMobile("12345").addTempPara("code", "2").build())
            .build());

        assertThat(result.getSuccessCount()).isEqualTo(1);
        assertThat(result.getFailureCount()).isEqualTo(1);
        assertThat(result.getFailureRecipients()).singleElement().satisfies(f -> {
            assertThat(f.getMobile()).isEqualTo("12345");
            assertThat(f.getErrorCode()).isEqualTo("50006");
            assertThat(f.getTempPara().get("code").getAsString()).isEqualTo("2");
        });
    }

    @Test
    void aRefusedSendReachesTheSdkAsItsJsmsCode() {
        assertJsmsError(() -> sdk.sendTemplateSMS(SMSPayload.newBuilder().setMobileNumber(MOBILE).setTempId(999)
            .setSignId(1).build()), 403, 50013);
        assertJsmsError(() -> new JSMSClient("000000000000000000000000", APP_KEY, null, JSMSConfig.getInstance())
            .sendTemplateSMS(SMSPayload.newBuilder().setMobileNumber(MOBILE).setTempId(1).build()), 401, 50002);
    }

    @Test
    void anOversizeBodyIs403With50007WhichTheSdkReads() {
        // The SDK reads the code only for 400, 401, 403, 404, 410 and 429: 50007 is 403, as in the JSMS table.
        SMSPayload.Builder huge = SMSPayload.newBuilder().setMobileNumber(MOBILE).setTempId(1).setSignId(1);
        huge.addTempPara("code", "9".repeat(70_000));
        assertJsmsError(() -> sdk.sendTemplateSMS(huge.build()), 403, 50007);
    }

    @Test
    void sendSmsCodeSucceedsAndAWrongCodeIsRefusedWithItsJsmsCode() throws Exception {
        SendSMSResult sent = sdk.sendSMSCode(SMSPayload.newBuilder().setMobileNumber("13800138002")
            .setTempId(CODE_TEMPLATE).setSignId(1).build());

        assertThat(sent.getResponseCode()).isEqualTo(200);
        assertThat(sent.getMessageId()).matches("[0-9]+");
        // Only a hash of the code is kept: no way to learn it here but the handset's; a wrong one is 50010.
        assertJsmsError(() -> sdk.sendValidSMSCode(sent.getMessageId(), "000000"), 403, 50010);
        assertJsmsError(() -> sdk.sendValidSMSCode("288193860302", "123456"), 403, 50026);
    }

    @Test
    void sendSmsCodeWithANotificationTemplateIsWrongTemplateType() {
        assertJsmsError(() -> sdk.sendSMSCode(SMSPayload.newBuilder().setMobileNumber(MOBILE).setTempId(1)
            .setSignId(1).build()), 403, 50025);
    }

    @Test
    void sendVoiceSmsCodeIsServiceNotActivated() {
        // No voice channel: the fields are checked, then 50008 (docs/api.md "Voice codes").
        assertJsmsError(() -> sdk.sendVoiceSMSCode(SMSPayload.newBuilder().setMobileNumber(MOBILE)
            .setCode("123456").build()), 403, 50008);
    }

    @Test
    void aScheduleIsCreatedReadChangedAndDeletedThroughTheSdk() throws Exception {
        ScheduleResult created = sdk.sendScheduleSMS(schedule().setMobileNumber(MOBILE).build());
        String id = created.getScheduleId();
        assertThat(created.getResponseCode()).isEqualTo(200);
        assertThat(id).isNotBlank();

        ScheduleResult changed = sdk.updateScheduleSMS(schedule().setMobileNumber("13800138009").build(), id);
        ScheduleSMSResult read = sdk.getScheduleSMS(id);

        assertThat(changed.getScheduleId()).isEqualTo(id);
        assertThat(read.getScheduleId()).isEqualTo(id);
        assertThat(read.getSendTime()).isEqualTo(SEND_TIME);
        assertThat(read.getTempId()).isEqualTo(1);
        assertThat(read.getRecipients()).singleElement().satisfies(r -> {
            assertThat(r.getMobile()).isEqualTo("13800138009");
            assertThat(r.getMsgId()).as("not sent yet").isNull();
            assertThat(r.getTempPara().get("code").getAsString()).isEqualTo("123456");
        });
        assertThat(sdk.deleteScheduleSMS(id).responseCode).isEqualTo(200);
        assertJsmsError(() -> sdk.getScheduleSMS(id), 403, 50028);
        assertJsmsError(() -> sdk.deleteScheduleSMS(id), 403, 50029);
    }

    @Test
    void aBatchScheduleParsesItsCountsAndFailuresAndIsChangedAsABatch() throws Exception {
        BatchSMSResult created = sdk.sendBatchScheduleSMS(schedule().addRecipient(recipient())
            .addRecipient(RecipientPayload.newBuilder().setMobile("12345").addTempPara("code", "1").build()).build());
        String id = created.getScheduleId();

        BatchSMSResult changed = sdk.updateBatchScheduleSMS(schedule().addRecipient(recipient()).build(), id);

        assertThat(id).isNotBlank();
        assertThat(created.getSuccessCount()).isEqualTo(1);
        assertThat(created.getFailureCount()).isEqualTo(1);
        assertThat(created.getFailureRecipients()).singleElement()
            .satisfies(f -> assertThat(f.getErrorCode()).isEqualTo("50006"));
        assertThat(changed.getScheduleId()).isEqualTo(id);
        assertThat(changed.getSuccessCount()).isEqualTo(1);
        assertJsmsError(() -> sdk.updateScheduleSMS(schedule().setMobileNumber(MOBILE).build(), id), 403, 50028);
        assertThat(sdk.deleteScheduleSMS(id).responseCode).isEqualTo(200);
    }

    @Test
    void aScheduleInThePastIsRefusedWithItsJsmsCode() {
        assertJsmsError(() -> sdk.sendScheduleSMS(ScheduleSMSPayload.newBuilder().setTempId(1).setSignId(1)
            .setSendTime("2020-01-01 00:00:00").setMobileNumber(MOBILE).addTempPara("code", "1").build()), 403, 50027);
    }

    @Test
    void getSmsBalanceAndGetAppSmsBalanceReadWhatTheOperatorAllocated() throws Exception {
        operator("/operator/v1/balances/top_up", "{\"type\":\"industry\",\"amount\":1000}");
        operator("/operator/v1/balances/top_up", "{\"type\":\"market\",\"amount\":50}");
        operator("/operator/v1/balances/allocate", "{\"app_key\":\"" + APP_KEY
            + "\",\"type\":\"industry\",\"amount\":300}");
        // The SDK's account client is the same class given the dev key and secret instead of an app's.
        JSMSClient account = new JSMSClient(DEV_SECRET, DEV_KEY, null, JSMSConfig.getInstance());

        AccountBalanceResult dev = account.getSMSBalance();
        AppBalanceResult app = sdk.getAppSMSBalance();

        assertThat(dev.getResponseCode()).isEqualTo(200);
        assertThat(dev.getDevBalance()).as("the account's unallocated parts, all types").isEqualTo(700 + 50);
        assertThat(app.getAppBalance()).isEqualTo(300);
        assertThat(read(dev.getOriginalContent()).get("dev_industry").asLong()).isEqualTo(700);
        assertThat(read(app.getOriginalContent()).get("app_market").asLong()).isZero();
        assertJsmsError(() -> sdk.getSMSBalance(), 401, 50002);
    }

    @Test
    void templatesAreCreatedCheckedAndDeletedAndAnApprovedOneCannotBeModified() throws Exception {
        // The shipped demo configuration approves new templates at once (review.autoApprove).
        SendTempSMSResult created = sdk.createTemplate(TemplatePayload.newBuilder().setTemplate("您的订单{{no}}已发货")
            .setType(2).setRemark("shipping").build());
        int id = created.getTempId();
        assertThat(created.getResponseCode()).isEqualTo(200);
        assertThat(id).isPositive();

        TempSMSResult checked = sdk.checkTemplate(id);
        assertThat(checked.getTemplate()).isEqualTo("您的订单{{no}}已发货");
        assertThat(checked.getType()).isEqualTo(2);
        assertThat(checked.getStatus()).as("approved").isEqualTo(1);
        assertJsmsError(() -> sdk.updateTemplate(TemplatePayload.newBuilder().setTempId(id)
            .setTemplate("您的订单{{no}}已签收").setType(2).setRemark("shipping").build(), id), 403, 50047);
        assertThat(sdk.deleteTemplate(id).responseCode).isEqualTo(200);
        assertJsmsError(() -> sdk.checkTemplate(id), 403, 50013);
    }

    private static ScheduleSMSPayload.Builder schedule() {
        return ScheduleSMSPayload.newBuilder().setTempId(1).setSignId(1).setSendTime(SEND_TIME)
            .addTempPara("code", "123456");
    }

    private static RecipientPayload recipient() {
        return RecipientPayload.newBuilder().setMobile(MOBILE).addTempPara("code", "123456").build();
    }

    private static void assertJsmsError(ThrowingCallable call, int status, int code) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("the SDK call (expected: HTTP " + status + " with " + code + ")")
            .isInstanceOf(APIRequestException.class);
        APIRequestException e = (APIRequestException) thrown;
        assertThat(e.getStatus()).as(e.toString()).isEqualTo(status);
        assertThat(e.getErrorCode()).as(e.toString()).isEqualTo(code);
    }

    /**
     * Pulls {@code path} as the SDK's app until an item whose {@code field} is {@code value} comes; a pull refused
     * for its 5 s interval (50201) just means "not yet". Fails if the item comes twice.
     */
    private static JsonNode pullUntil(String path, String field, String value) {
        List<JsonNode> found = new ArrayList<>();
        Await.until(path + " returns " + field + "=" + value, E2e.TIMEOUT.multipliedBy(2), () -> {
            HttpResponse<String> response = pull(path);
            if (response.statusCode() == 403 && response.body().contains("50201")) {
                return false;
            }
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            read(response.body()).forEach(item -> {
                if (value.equals(item.path(field).asText())) {
                    found.add(item);
                }
            });
            return !found.isEmpty();
        });
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static HttpResponse<String> pull(String path) {
        String auth = Base64.getEncoder().encodeToString((APP_KEY + ":" + MASTER_SECRET)
            .getBytes(StandardCharsets.UTF_8));
        try {
            return HTTP.send(HttpRequest.newBuilder(api.resolve(path)).timeout(E2e.TIMEOUT).GET()
                .header("Authorization", "Basic " + auth).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** An operator call of the shipped configuration's operator (docs/api.md "Operator API"); must answer 200. */
    private static void operator(String path, String body) throws Exception {
        String auth = Base64.getEncoder().encodeToString("demo-operator:demo-operator-password"
            .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(api.resolve(path)).timeout(E2e.TIMEOUT)
            .POST(HttpRequest.BodyPublishers.ofString(body)).header("Authorization", "Basic " + auth)
            .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
