package org.cmppgw.gateway.history;

import java.util.List;
import java.util.Map;

/**
 * The store's side of history retention and expiry (docs/operations.md "History and expiry"): walks over the message
 * table by msg_id (ids sort by acceptance time, {@link org.cmppgw.gateway.model.MessageIdGenerator}), a durable cursor,
 * and deletes in bounded batches. Blocking: called from the gateway's background threads only, never from an event
 * loop. Safe for several nodes at once: every change is idempotent.
 */
public interface HistoryStore {
    /**
     * One message as a walk sees it.
     *
     * @param msgId   the message
     * @param finalAt when it became final (Unix ms), or {@link #NOT_FINAL}
     * @param pending a part still has no recorded submit outcome: it is still queued (a pending_message or
     *                held_message row, or held in its message row)
     */
    record Scanned(long msgId, long finalAt, boolean pending) {
        public static final long NOT_FINAL = -1;

        public boolean isFinal() {
            return finalAt != NOT_FINAL;
        }
    }

    /** The smallest msg_id in the message table, or 0 when it is empty. */
    long firstMessageId();

    /** Up to {@code max} messages with {@code afterMsgId < msg_id < beforeMsgId}, in msg_id order. */
    List<Scanned> scan(long afterMsgId, long beforeMsgId, int max);

    /** Up to {@code max} watched messages (see {@link #advance}) above {@code afterMsgId}, in msg_id order. */
    List<Scanned> scanWatched(long afterMsgId, int max);

    /** The latest recorded submit (Unix ms) of each message that has one. */
    Map<Long, Long> lastSubmittedAt(List<Long> msgIds);

    /** Where walk {@code name} got to: the last msg_id it dealt with, or 0 before its first step. */
    long cursor(String name);

    /**
     * In one transaction: moves walk {@code name} to {@code position} (never backwards) and watches {@code watch}
     * (messages the walk passed that it must look at again later).
     */
    void advance(String name, long position, List<Long> watch);

    /** Stops watching {@code msgIds}. */
    void unwatch(List<Long> msgIds);

    /**
     * Deletes these messages and every row kept for them (parts, submits, final status, mismatched reports), in one
     * transaction.
     *
     * @return the rows deleted, all tables together
     */
    int deleteMessages(List<Long> msgIds);

    /** Deletes up to {@code max} MO messages with {@code mo_id < beforeMoId}; returns how many. */
    int deleteMoBefore(long beforeMoId, int max);

    /** Deletes up to {@code max} abandoned callbacks with {@code id < beforeId}; returns how many. */
    int deleteAbandonedCallbacksBefore(long beforeId, int max);

    /**
     * Deletes up to {@code max} finished emails (delivered, failed or withdrawn) with {@code id < beforeId} that
     * finished before {@code finishedBeforeMillis}; a queued one stays however old. Returns how many.
     */
    int deleteEmailsBefore(long beforeId, long finishedBeforeMillis, int max);

    /** Deletes up to {@code max} parked reports parked before {@code parkedBeforeMillis}; returns how many. */
    int deleteParkedReportsBefore(long parkedBeforeMillis, int max);

    /**
     * Deletes up to {@code max} tracked links created before {@code createdBeforeMillis} (docs/api.md "Click
     * tracking"): their tracking URLs answer 404 from then on. Returns how many; a store without them, 0.
     */
    default int deleteClickLinksBefore(long createdBeforeMillis, int max) {
        return 0;
    }
}
