package org.cmppgw.gateway.model;

import java.time.Instant;
import java.util.Objects;

/**
 * The final status of one mail, called back as {@code EMAIL_REPORT} (docs/api.md "Callbacks"): read from its
 * {@code email_message} row when the callback is sent.
 *
 * @param emailId    the id {@code POST /v1/emails} answered for this recipient (the outbox row's {@code ref_id})
 * @param recipient  the {@code to} address
 * @param status     DELIVERED or FAILED
 * @param finishedAt when the server accepted it or the gateway gave up
 * @param smtpReply  the server's last reply, e.g. {@code 250 OK} or {@code 550 5.1.1 no such user}
 */
public record EmailReport(long emailId, String recipient, EmailStatus status, Instant finishedAt, String smtpReply)
        implements CallbackPayload {
    public EmailReport {
        FieldChecks.positive("emailId", emailId);
        Objects.requireNonNull(recipient, "recipient");
        if (status == null || status == EmailStatus.QUEUED) {
            throw new IllegalArgumentException("status: " + status + " (expected: DELIVERED or FAILED)");
        }
        Objects.requireNonNull(finishedAt, "finishedAt");
        smtpReply = smtpReply == null ? "" : smtpReply;
    }

    @Override
    public CallbackType type() {
        return CallbackType.EMAIL_REPORT;
    }
}
