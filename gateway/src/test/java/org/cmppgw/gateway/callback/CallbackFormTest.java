package org.cmppgw.gateway.callback;

import org.cmppgw.gateway.config.AppConfig;
import org.cmppgw.gateway.config.CallbackUrl;
import org.cmppgw.gateway.config.Secret;
import org.cmppgw.gateway.model.CallbackTask;
import org.cmppgw.gateway.model.CallbackType;
import org.cmppgw.gateway.model.EmailReport;
import org.cmppgw.gateway.model.EmailStatus;
import org.cmppgw.gateway.model.FinalReport;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.model.MoMessage;
import org.cmppgw.gateway.model.ReviewOutcome;
import org.cmppgw.gateway.model.ReviewStatus;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The exact bytes an app receives, with a fixed clock and nonce, and a signature checked against a known vector. */
final class CallbackFormTest {
    private static final Instant NOW = Instant.ofEpochMilli(1_700_000_000_123L);
    private static final AppConfig APP = new AppConfig("app-1", new Secret("secret-1"),
        List.of(new CallbackUrl("http://127.0.0.1:8090/cb", true)), List.of(), 0, 0);
    private final CallbackForm form = new CallbackForm(List.of(APP), JsmsReportStatus.defaults(),
        Clock.fixed(NOW, ZoneOffset.UTC), () -> 42);

    @Test
    void signatureIsLowercaseHexSha1OfTheJsmsString() {
        // sha1("appKey=app-1&appMasterSecret=secret-1&nonce=42&timestamp=1700000000123"), computed independently
        assertThat(CallbackSignature.sign("app-1", "secret-1", 42, 1_700_000_000_123L))
            .isEqualTo("e15e61f9d576e4d1c7a00a22fdcc34e34ff3ca1e");
    }

    @Test
    void anSmsReportFormHasTheJsmsFieldsInOrder() {
        FinalReport report = new FinalReport(1234567890123L, "13800138000", MessageStatus.FAILED, "EXPIRED",
            Instant.ofEpochSecond(1_700_000_000L));
        String body = form.encode(new CallbackTask(7, "app-1", "http://127.0.0.1:8090/cb", 1, report));

        assertThat(body).isEqualTo("nonce=42&timestamp=1700000000123"
            + "&signature=e15e61f9d576e4d1c7a00a22fdcc34e34ff3ca1e&type=SMS_REPORT"
            + "&data=%7B%22msgId%22%3A%221234567890123%22%2C%22status%22%3A4003%2C%22receiveTime%22%3A1700000000"
            + "%2C%22phone%22%3A%2213800138000%22%2C%22stat%22%3A%22EXPIRED%22%7D");
    }

    @Test
    void anSmsReplyFormCarriesTheTextAsUtf8() {
        MoMessage mo = new MoMessage(99, "cmcc-1", 5, "app-1", "http://127.0.0.1:8090/cb", "13800138000", "1069",
            "退订 TD", Instant.ofEpochSecond(1_700_000_000L));
        String body = form.encode(new CallbackTask(8, "app-1", "http://127.0.0.1:8090/cb", 1, mo));

        assertThat(TestReceiver.parse(body)).containsEntry("type", "SMS_REPLY")
            .containsEntry("data", "{\"phone\":\"13800138000\",\"replyTime\":1700000000,\"content\":\"退订 TD\"}");
        assertThat(body).endsWith("&data=%7B%22phone%22%3A%2213800138000%22%2C%22replyTime%22%3A1700000000"
            + "%2C%22content%22%3A%22%E9%80%80%E8%AE%A2+TD%22%7D");
    }

    @Test
    void reviewDecisionsCarryTheSubjectStatusAndReason() {
        ReviewOutcome rejected = new ReviewOutcome(3, CallbackType.SMS_TEMPLATE, 12, ReviewStatus.REJECTED,
            "needs a remark", Instant.ofEpochSecond(1_700_000_000L));
        ReviewOutcome approved = new ReviewOutcome(4, CallbackType.SMS_SIGN, 5, ReviewStatus.APPROVED, "",
            Instant.ofEpochSecond(1_700_000_001L));

        assertThat(TestReceiver.parse(form.encode(new CallbackTask(9, "app-1", "http://127.0.0.1:8090/cb", 1,
            rejected)))).containsEntry("type", "SMS_TEMPLATE").containsEntry("data",
            "{\"tempId\":12,\"status\":2,\"refuseReason\":\"needs a remark\",\"reviewTime\":1700000000}");
        assertThat(TestReceiver.parse(form.encode(new CallbackTask(10, "app-1", "http://127.0.0.1:8090/cb", 1,
            approved)))).containsEntry("type", "SMS_SIGN").containsEntry("data",
            "{\"signId\":5,\"status\":1,\"refuseReason\":\"\",\"reviewTime\":1700000001}");
    }

    @Test
    void anEmailReportCarriesTheIdStatusRecipientAndSmtpReply() {
        EmailReport delivered = new EmailReport(1234567890123L, "a@example.com", EmailStatus.DELIVERED,
            Instant.ofEpochSecond(1_700_000_000L), "250 2.0.0 OK");
        EmailReport failed = new EmailReport(5, "gone@example.com", EmailStatus.FAILED,
            Instant.ofEpochSecond(1_700_000_001L), "550 5.1.1 no such user");

        assertThat(TestReceiver.parse(form.encode(new CallbackTask(11, "app-1", "http://127.0.0.1:8090/cb", 1,
            delivered)))).containsEntry("type", "EMAIL_REPORT").containsEntry("data",
            "{\"emailId\":\"1234567890123\",\"status\":\"delivered\",\"email\":\"a@example.com\","
                + "\"receiveTime\":1700000000,\"smtpReply\":\"250 2.0.0 OK\"}");
        assertThat(TestReceiver.parse(form.encode(new CallbackTask(12, "app-1", "http://127.0.0.1:8090/cb", 1,
            failed)))).containsEntry("data", "{\"emailId\":\"5\",\"status\":\"failed\","
                + "\"email\":\"gone@example.com\",\"receiveTime\":1700000001,"
                + "\"smtpReply\":\"550 5.1.1 no such user\"}");
    }

    @Test
    void aTaskOfAnUnknownAppCannotBeSigned() {
        FinalReport report = new FinalReport(1, "13800138000", MessageStatus.DELIVERED, "DELIVRD", NOW);
        CallbackTask stranger = new CallbackTask(9, "gone", "http://127.0.0.1:8090/cb", 1, report);

        assertThat(form.canSign(stranger)).isFalse();
        assertThatThrownBy(() -> form.encode(stranger)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("appKey: gone (expected: a configured app)");
    }

    @Test
    void realNoncesAreNonNegativeAndVary() {
        CallbackForm real = new CallbackForm(List.of(APP), JsmsReportStatus.defaults(), Clock.systemUTC());
        FinalReport report = new FinalReport(1, "13800138000", MessageStatus.DELIVERED, "DELIVRD", NOW);
        CallbackTask task = new CallbackTask(1, "app-1", "http://127.0.0.1:8090/cb", 1, report);
        long a = Long.parseLong(TestReceiver.parse(real.encode(task)).get("nonce"));
        long b = Long.parseLong(TestReceiver.parse(real.encode(task)).get("nonce"));

        assertThat(a).isNotNegative().isNotEqualTo(b);
        assertThat(b).isNotNegative();
    }
}
