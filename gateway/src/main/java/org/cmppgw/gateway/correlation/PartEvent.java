package org.cmppgw.gateway.correlation;

import org.cmppgw.gateway.model.ReportOutcome;

/**
 * Something that may end a message's life, gathered from one batch for the {@link Finalizer}: a matched report about
 * part {@code partNo}, or (partNo 0) a decision about the whole message (a rejected submit, recordFinal).
 *
 * @param msgId          the message
 * @param partNo         1-based part, or 0 for the whole message
 * @param delivered      the part (or message) was delivered
 * @param stat           the raw Stat or gateway stat
 * @param provider       the provider of the report ("" for decisions)
 * @param carrierMsgId   the report's Msg_Id (0 for decisions)
 * @param atMillis       when it happened
 * @param reportedMobile the report's Dest_terminal_Id, which the {@link Finalizer} checks against the message's mobile
 *                       ({@link Handsets}); {@code null} for decisions, which name no handset
 * @param sink           who learns the outcome, or {@code null}
 */
public record PartEvent(long msgId, int partNo, boolean delivered, String stat, String provider, long carrierMsgId,
                        long atMillis, String reportedMobile, OutcomeSink sink) {
    /** The {@code partNo} of a decision about the whole message. */
    public static final int WHOLE_MESSAGE = 0;

    /** An event that names no handset: a decision, or a rejected submit. */
    public PartEvent(long msgId, int partNo, boolean delivered, String stat, String provider, long carrierMsgId,
                     long atMillis, OutcomeSink sink) {
        this(msgId, partNo, delivered, stat, provider, carrierMsgId, atMillis, null, sink);
    }

    /** Receives the outcome the {@link Finalizer} decided for one event; {@code null} means no such message. */
    @FunctionalInterface
    public interface OutcomeSink {
        void outcome(ReportOutcome outcome);
    }

    boolean wholeMessage() {
        return partNo == WHOLE_MESSAGE;
    }
}
