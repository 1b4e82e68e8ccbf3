package org.cmppgw.gateway.intake;

import org.cmppgw.gateway.model.MessagePriority;
import org.cmppgw.gateway.model.TemplateType;

import java.time.Instant;
import java.util.Objects;

/**
 * A message the API admitted: authenticated, validated and rendered, ready to be stored. Protocol-neutral: nothing
 * here is CMPP (segmenting, encoding and Src_Id are the provider's business).
 *
 * @param appKey      the app that sent it (its callbacks go to this app)
 * @param mobile      the recipient, normalised to 11 digits, or {@code 00} + country code + number outside the
 *                    mainland ({@link org.cmppgw.gateway.model.MobileNumbers#international})
 * @param content     the full text: {@code 【signature】} + rendered template, at most 500 characters
 * @param templateId  the template it was rendered from
 * @param signId      the signature it carries; 0 for none (Global SMS)
 * @param callbackUrl where its status goes: the request's registered URL or the app's default
 * @param priority    dispatch priority, from the template's type
 * @param acceptedAt  when the API admitted it
 * @param type        its template's type, for the per-mobile admission rules (docs/api.md, "Admission rules")
 */
public record AcceptedMessage(String appKey, String mobile, String content, int templateId, int signId,
                             String callbackUrl, MessagePriority priority, Instant acceptedAt, TemplateType type) {
    public AcceptedMessage {
        Objects.requireNonNull(appKey, "appKey");
        Objects.requireNonNull(mobile, "mobile");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(callbackUrl, "callbackUrl");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
        Objects.requireNonNull(type, "type");
    }

    /** A message whose type is the one its priority comes from. */
    public AcceptedMessage(String appKey, String mobile, String content, int templateId, int signId,
                           String callbackUrl, MessagePriority priority, Instant acceptedAt) {
        this(appKey, mobile, content, templateId, signId, callbackUrl, priority, acceptedAt, typeOf(priority));
    }

    private static TemplateType typeOf(MessagePriority priority) {
        for (TemplateType type : TemplateType.values()) {
            if (type.priority() == priority) {
                return type;
            }
        }
        throw new IllegalArgumentException("priority: " + priority + " (expected: the priority of a template type)");
    }
}
