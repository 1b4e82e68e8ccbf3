package org.cmppgw.gateway.email;

import java.util.List;
import java.util.Objects;

/**
 * One claimed {@code email_message} row: a copy of a mail for one recipient, with what its outcome needs (the app and
 * callback URL of its EMAIL_REPORT, the attempt count).
 *
 * @param id          the email_id
 * @param recipient   the {@code to} address of this copy
 * @param cc          envelope and Cc header recipients (first copy only)
 * @param bcc         envelope-only recipients (first copy only)
 * @param text        plain-text body or null
 * @param html        HTML body or null
 * @param callbackUrl empty = no callback
 * @param attempts    counted tries, this claim included (&gt;= 1)
 */
public record QueuedEmail(long id, String appKey, String recipient, List<String> cc, List<String> bcc,
                          String senderName, String subject, String text, String html, String callbackUrl,
                          int attempts) {
    public QueuedEmail {
        Objects.requireNonNull(appKey, "appKey");
        Objects.requireNonNull(recipient, "recipient");
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
        Objects.requireNonNull(subject, "subject");
        senderName = senderName == null ? "" : senderName;
        callbackUrl = callbackUrl == null ? "" : callbackUrl;
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts: " + attempts + " (expected: >= 1)");
        }
    }
}
