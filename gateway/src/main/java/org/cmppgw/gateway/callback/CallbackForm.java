package org.cmppgw.gateway.callback;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.cmppgw.gateway.config.AppConfig;
import org.cmppgw.gateway.model.CallbackPayload;
import org.cmppgw.gateway.model.CallbackTask;
import org.cmppgw.gateway.model.CallbackType;
import org.cmppgw.gateway.model.Channel;
import org.cmppgw.gateway.model.ClickEvent;
import org.cmppgw.gateway.model.EmailReport;
import org.cmppgw.gateway.model.FinalReport;
import org.cmppgw.gateway.model.MoMessage;
import org.cmppgw.gateway.model.PolicyReport;
import org.cmppgw.gateway.model.ReviewOutcome;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Builds the {@code application/x-www-form-urlencoded} body of one callback exactly as docs/api.md ("Callbacks")
 * specifies: {@code nonce}, {@code timestamp} (epoch ms, from the injected clock), {@code signature}
 * ({@link CallbackSignature}), {@code type} and {@code data}, the payload as JSON:
 * <pre>
 * SMS_REPORT {"msgId":"1234","status":4001,"receiveTime":1700000000,"phone":"13800138000","stat":"DELIVRD"}
 * SMS_REPLY  {"phone":"13800138000","replyTime":1700000000,"content":"TD"}
 * SMS_TEMPLATE {"tempId":5,"status":2,"refuseReason":"needs a remark","reviewTime":1700000000}
 * SMS_SIGN     {"signId":3,"status":1,"refuseReason":"","reviewTime":1700000000}
 * EMAIL_REPORT {"emailId":"1234","status":"delivered","email":"a@example.com","receiveTime":1700000000,
 *               "smtpReply":"250 2.0.0 OK"}
 * POLICY_REPORT {"runId":"77","policyId":"5","userId":"c-1","step":1,"final":false,"outcome":"sent","channel":"sms",
 *                "messageId":"1234","reason":"","time":1700000000}
 * CLICK        {"msgId":"1234","url":"https://example.com/a","clickTime":1700000000}   (an SMS)
 * CLICK        {"emailId":"1234","url":"https://example.com/a","clickTime":1700000000} (a mail)
 * </pre>
 * {@code msgId} is a decimal string (a 64-bit id does not survive a JavaScript number), times are epoch seconds, and
 * {@code status} comes from {@link JsmsReportStatus}. The callback is signed with the {@code masterSecret} of the
 * task's app. Thread-safe.
 */
public final class CallbackForm {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> secrets;
    private final JsmsReportStatus statuses;
    private final Clock clock;
    private final LongSupplier nonces;

    /** The SMS_REPORT {@code data}. */
    @JsonPropertyOrder({"msgId", "status", "receiveTime", "phone", "stat"})
    record ReportData(String msgId, int status, long receiveTime, String phone, String stat) {
    }

    /** The SMS_REPLY {@code data}. */
    @JsonPropertyOrder({"phone", "replyTime", "content"})
    record ReplyData(String phone, long replyTime, String content) {
    }

    /** The SMS_TEMPLATE {@code data}: {@code status} 1 approved, 2 rejected. */
    @JsonPropertyOrder({"tempId", "status", "refuseReason", "reviewTime"})
    record TemplateReviewData(long tempId, int status, String refuseReason, long reviewTime) {
    }

    /** The SMS_SIGN {@code data}: {@code status} 1 approved, 2 rejected. */
    @JsonPropertyOrder({"signId", "status", "refuseReason", "reviewTime"})
    record SignReviewData(long signId, int status, String refuseReason, long reviewTime) {
    }

    /** The EMAIL_REPORT {@code data}: {@code status} {@code delivered} or {@code failed}. */
    @JsonPropertyOrder({"emailId", "status", "email", "receiveTime", "smtpReply"})
    record EmailReportData(String emailId, String status, String email, long receiveTime, String smtpReply) {
    }

    /** The POLICY_REPORT {@code data}: a step's outcome, or the run's final one when {@code final} is true. */
    @JsonPropertyOrder({"runId", "policyId", "userId", "step", "final", "outcome", "channel", "messageId", "reason",
        "time"})
    record PolicyReportData(String runId, String policyId, String userId, int step,
                            @JsonProperty("final") boolean last, String outcome, String channel, String messageId,
                            String reason, long time) {
    }

    /** The CLICK {@code data} of an SMS. */
    @JsonPropertyOrder({"msgId", "url", "clickTime"})
    record SmsClickData(String msgId, String url, long clickTime) {
    }

    /** The CLICK {@code data} of a mail. */
    @JsonPropertyOrder({"emailId", "url", "clickTime"})
    record EmailClickData(String emailId, String url, long clickTime) {
    }

    /** Signs for {@code apps}; nonces from a {@link SecureRandom}, non-negative. */
    public CallbackForm(List<AppConfig> apps, JsmsReportStatus statuses, Clock clock) {
        this(apps, statuses, clock, secureNonces());
    }

    CallbackForm(List<AppConfig> apps, JsmsReportStatus statuses, Clock clock, LongSupplier nonces) {
        Map<String, String> byApp = new HashMap<>();
        for (AppConfig app : apps) {
            byApp.put(app.appKey(), app.masterSecret().value());
        }
        this.secrets = Map.copyOf(byApp);
        this.statuses = Objects.requireNonNull(statuses, "statuses");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nonces = Objects.requireNonNull(nonces, "nonces");
    }

    /** True when the task's app is configured, so its callback can be signed. */
    public boolean canSign(CallbackTask task) {
        return secrets.containsKey(task.appKey());
    }

    /**
     * The form body of {@code task}, signed now.
     *
     * @throws IllegalArgumentException if the task's app is not configured ({@link #canSign})
     */
    public String encode(CallbackTask task) {
        String secret = secrets.get(task.appKey());
        if (secret == null) {
            throw new IllegalArgumentException("appKey: " + task.appKey() + " (expected: a configured app)");
        }
        long nonce = nonces.getAsLong();
        long timestamp = clock.millis();
        StringBuilder body = new StringBuilder(256);
        field(body, "nonce", Long.toString(nonce));
        field(body, "timestamp", Long.toString(timestamp));
        field(body, "signature", CallbackSignature.sign(task.appKey(), secret, nonce, timestamp));
        field(body, "type", task.type().name());
        field(body, "data", data(task.payload()));
        return body.toString();
    }

    /** The {@code data} JSON of a payload. */
    String data(CallbackPayload payload) {
        Object data;
        if (payload instanceof FinalReport r) {
            data = new ReportData(Long.toString(r.msgId()), statuses.statusOf(r.stat()),
                r.finalAt().getEpochSecond(), r.mobile(), r.stat());
        } else if (payload instanceof MoMessage mo) {
            data = new ReplyData(mo.mobile(), mo.receivedAt().getEpochSecond(), mo.content());
        } else if (payload instanceof ReviewOutcome review) {
            long at = review.reviewedAt().getEpochSecond();
            data = review.type() == CallbackType.SMS_TEMPLATE
                ? new TemplateReviewData(review.subjectId(), review.status().code(), review.reason(), at)
                : new SignReviewData(review.subjectId(), review.status().code(), review.reason(), at);
        } else if (payload instanceof EmailReport mail) {
            data = new EmailReportData(Long.toString(mail.emailId()),
                mail.status().name().toLowerCase(Locale.ROOT), mail.recipient(), mail.finishedAt().getEpochSecond(),
                mail.smtpReply());
        } else if (payload instanceof PolicyReport policy) {
            data = new PolicyReportData(Long.toString(policy.runId()), Long.toString(policy.policyId()),
                policy.userId(), policy.step(), policy.last(), policy.outcome(), policy.stepChannel(),
                Long.toString(policy.messageId()), policy.reason(), policy.at().getEpochSecond());
        } else if (payload instanceof ClickEvent click) {
            String id = Long.toString(click.messageId());
            long at = click.clickedAt().getEpochSecond();
            data = click.channel() == Channel.EMAIL ? new EmailClickData(id, click.url(), at)
                : new SmsClickData(id, click.url(), at);
        } else {
            throw new IllegalArgumentException("payload: " + payload.getClass().getSimpleName()
                + " (expected: FinalReport, MoMessage, ReviewOutcome, EmailReport, PolicyReport or ClickEvent)");
        }
        try {
            return JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("callback - cannot write data of " + payload.type(), e);
        }
    }

    private static void field(StringBuilder body, String name, String value) {
        if (body.length() > 0) {
            body.append('&');
        }
        body.append(name).append('=');
        FormEncoding.append(body, value);
    }

    private static LongSupplier secureNonces() {
        SecureRandom random = new SecureRandom();
        return () -> random.nextLong() >>> 1;
    }
}
