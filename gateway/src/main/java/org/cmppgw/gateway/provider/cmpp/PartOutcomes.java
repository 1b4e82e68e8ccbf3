package org.cmppgw.gateway.provider.cmpp;

/**
 * Where the outcome of each part goes: the {@link OutcomeRecorder} makes it durable and then tells the part's
 * message. Each part gets exactly one of these calls.
 */
interface PartOutcomes {
    /** Result 0: the carrier took the part and will report on {@code carrierMsgId}. */
    void accepted(PartTask task, long carrierMsgId);

    /** A permanent SUBMIT_RESP error (or flow control given up): the message fails with "SR:" + result. */
    void rejected(PartTask task, int result);

    /** The part's outcome stayed unknown after its one resubmission: the message fails as unknown. */
    void unknown(PartTask task);

    /** A part of an abandoned message, never sent or not sent again: nothing to record. */
    void dropped(PartTask task);
}
