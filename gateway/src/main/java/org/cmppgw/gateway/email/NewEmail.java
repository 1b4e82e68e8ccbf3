package org.cmppgw.gateway.email;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An admitted {@code POST /v1/emails}: every address checked, ready to be stored one row per {@code to} recipient.
 *
 * @param appKey      the sending app
 * @param to          the recipients, at least one
 * @param cc          copied recipients (with the first recipient's copy)
 * @param bcc         blind-copied recipients (with the first recipient's copy)
 * @param subject     not blank
 * @param text        the plain-text body, or null
 * @param html        the HTML body, or null; not both null
 * @param senderName  the From display name; empty = the bare sender address
 * @param callbackUrl where the EMAIL_REPORT goes; empty = no callback
 * @param acceptedAt  when the API took it
 * @param trackLinks  replace the bodies' links by tracking links, per recipient (docs/api.md "Click tracking")
 */
public record NewEmail(String appKey, List<String> to, List<String> cc, List<String> bcc, String subject, String text,
                       String html, String senderName, String callbackUrl, Instant acceptedAt, boolean trackLinks) {
    public NewEmail {
        Objects.requireNonNull(appKey, "appKey");
        to = List.copyOf(to);
        if (to.isEmpty()) {
            throw new IllegalArgumentException("to: [] (expected: at least one recipient)");
        }
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
        Objects.requireNonNull(subject, "subject");
        if (text == null && html == null) {
            throw new IllegalArgumentException("text: null, html: null (expected: at least one body)");
        }
        senderName = senderName == null ? "" : senderName;
        callbackUrl = callbackUrl == null ? "" : callbackUrl;
        Objects.requireNonNull(acceptedAt, "acceptedAt");
    }

    /** A mail without click tracking. */
    public NewEmail(String appKey, List<String> to, List<String> cc, List<String> bcc, String subject, String text,
                    String html, String senderName, String callbackUrl, Instant acceptedAt) {
        this(appKey, to, cc, bcc, subject, text, html, senderName, callbackUrl, acceptedAt, false);
    }
}
