package org.cmppgw.gateway.console;

/**
 * One message in the console's search results.
 *
 * @param msgId      the gateway's msg_id
 * @param appKey     the app that sent it
 * @param mobile     the recipient
 * @param templateId the template, 0 for none
 * @param parts      the parts it was split into
 * @param acceptedAt when it was accepted, ISO-8601 UTC
 * @param status     ACCEPTED, SUBMITTED, DELIVERED or FAILED
 * @param stat       the carrier's final Stat, empty while it has none
 */
public record MessageRow(long msgId, String appKey, String mobile, long templateId, int parts, String acceptedAt,
                         String status, String stat) {
}
