package org.cmppgw.gateway.schedule;

import org.cmppgw.gateway.model.TemplateType;

import java.util.Objects;

/**
 * One recipient of a schedule, rendered when the schedule was created or modified.
 *
 * @param mobile      the normalised number the message goes to
 * @param givenMobile the number as the app wrote it (shown by GET)
 * @param tempPara    the template variables as JSON (shown by GET)
 * @param content     the full text to send
 * @param msgId       its msg id once the schedule was sent and the message stored; 0 before, or when refused
 * @param refusal     the JSMS code that refused it when the schedule was sent; 0 when none
 */
public record ScheduledRecipient(String mobile, String givenMobile, String tempPara, String content, long templateId,
                                 int signId, String callbackUrl, TemplateType type, long msgId, int refusal) {
    public ScheduledRecipient {
        Objects.requireNonNull(mobile, "mobile");
        Objects.requireNonNull(givenMobile, "givenMobile");
        Objects.requireNonNull(tempPara, "tempPara");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(callbackUrl, "callbackUrl");
        Objects.requireNonNull(type, "type");
    }
}
