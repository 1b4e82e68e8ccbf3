package org.cmppgw.gateway.console;

import java.util.List;

/**
 * One message with everything the store knows of it: its parts' submits (carrier Msg_Ids and results), the parts'
 * reports, its report callback once the app acknowledged it, and the callbacks still owed for it (sent callbacks
 * leave the outbox, docs/design.md §3; their message keeps when and after how many attempts).
 *
 * @param row       the message's summary
 * @param content   its text as accepted
 * @param finalAt   when it became final, ISO-8601 UTC, empty while open
 * @param submits   one row per recorded SUBMIT_RESP
 * @param reports   the first final report of each part
 * @param delivered its report callback when the app acknowledged it (empty until then)
 * @param callbacks callbacks still owed for it
 */
public record MessageDetail(MessageRow row, String content, String finalAt, List<Submit> submits,
                            List<PartReport> reports, List<DeliveredCallback> delivered,
                            List<OwedCallback> callbacks) {
    /** A recorded SUBMIT_RESP of one part. */
    public record Submit(int partNo, int partCount, String provider, String carrierMsgId, int result,
                         String submittedAt) {
    }

    /** The first final report of one part. */
    public record PartReport(int partNo, String provider, String carrierMsgId, String stat, String reportedAt) {
    }

    /** A callback the app acknowledged, after {@code attempts} attempts (this one included). */
    public record DeliveredCallback(String kind, String deliveredAt, int attempts) {
    }

    /** A callback not yet delivered to the app. */
    public record OwedCallback(String kind, String url, int attempts, String dueAt) {
    }
}
