package org.cmppgw.gateway.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One accepted SMS to one handset, as the API stores it before it answers with {@code msgId}. {@code content} is the
 * final text, signature included ("【sig】text"); the dispatcher splits it into {@code parts} CMPP submits
 * (docs/cmpp-protocol.md §9, long messages). The store never changes it after accept.
 *
 * @param msgId       our 64-bit id (see {@link MessageIdGenerator}), &gt; 0
 * @param appKey      the app that sent it
 * @param mobile      the destination, normalised digits (the API strips "+86")
 * @param content     the final text with signature
 * @param templateId  the template it was rendered from; 0 when there was none
 * @param priority    {@value #MIN_PRIORITY}..{@value #MAX_PRIORITY}, higher goes first
 * @param callbackUrl the resolved URL for the SMS_REPORT callback, or {@code null} when the app pulls reports
 *                    ({@code GET /v1/report}) instead of receiving callbacks
 * @param parts       how many CMPP submits the content needs (1 for a short message)
 * @param acceptedAt  when the API accepted it
 */
public record OutboundMessage(long msgId, String appKey, String mobile, String content, long templateId,
                              int priority, String callbackUrl, int parts, Instant acceptedAt) {
    public static final int MAX_APP_KEY_LENGTH = 64;
    /** Dest_terminal_Id is 21 octets on CMPP 2.0 links (docs/cmpp-protocol.md §7.3). */
    public static final int MAX_MOBILE_LENGTH = 21;
    /** The column width; the API's product limit (500 with signature) is stricter. */
    public static final int MAX_CONTENT_LENGTH = 1000;
    public static final int MAX_URL_LENGTH = 512;
    public static final int MIN_PRIORITY = 0;
    public static final int MAX_PRIORITY = 9;
    /** Pk_total is one octet (docs/cmpp-protocol.md §7.3). */
    public static final int MAX_PARTS = 255;

    public OutboundMessage {
        FieldChecks.positive("msgId", msgId);
        FieldChecks.text("appKey", appKey, 1, MAX_APP_KEY_LENGTH);
        FieldChecks.digits("mobile", mobile, 1, MAX_MOBILE_LENGTH);
        FieldChecks.text("content", content, 1, MAX_CONTENT_LENGTH);
        if (templateId < 0) {
            throw new IllegalArgumentException("templateId: " + templateId + " (expected: >= 0)");
        }
        FieldChecks.range("priority", priority, MIN_PRIORITY, MAX_PRIORITY);
        FieldChecks.optionalText("callbackUrl", callbackUrl, MAX_URL_LENGTH);
        FieldChecks.range("parts", parts, 1, MAX_PARTS);
        Objects.requireNonNull(acceptedAt, "acceptedAt");
    }

    /**
     * The channel it is sent on. Every message the API accepts today is an SMS, so the channel is derived rather than
     * stored (docs/design.md §5); an email intake adds the component and its column together.
     */
    public Channel channel() {
        return Channel.SMS;
    }

    /** Whether the app receives an SMS_REPORT callback for this message (otherwise it pulls the report). */
    public boolean hasCallback() {
        return callbackUrl != null;
    }
}
