package org.cmppgw.gateway.callback.outbox;

import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.persistence.sql.LongList;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The report callbacks this node holds in their messages' {@code message_final} rows
 * (db/migration/V32__report_callback_in_final.sql) rather than in {@code held_callback} rows: a fresh message's report
 * callback, handed to this node's dispatcher from the commit that made the message final. Such a callback has no row
 * of its own; its task id is the negated msg_id ({@link #taskIdOf}), which no generated id can be, and it keeps that
 * id when it moves to {@code callback_outbox}.
 *
 * <p>A restart or an adoption finds them by a range scan of {@code message_final} from the node's mark
 * ({@code gateway_node.callback_mark}), so the scan stays short: only messages accepted in the last
 * {@value #RECENT_MILLIS} ms qualify ({@link #mayHold}), and the mark is below every callback held here and every
 * message that may still qualify ({@link #mark}). A node holds none until its start wrote a mark ({@link #marked}).
 *
 * <p>Held callbacks are added by the status lane before its commit and released by the outbox lane after the commit
 * that records their outcome; the mark is read from the outbox lane. Thread-safe.
 */
public final class ReportsHeldInFinals {
    /** How recently a message must have been accepted for its report callback to be held in its final row. */
    static final long RECENT_MILLIS = 120_000;

    /** msg_id to when (store clock) its callback began to be held. */
    private final Map<Long, Long> heldSince = new ConcurrentHashMap<>();
    private volatile boolean marked;

    /** The task id of the report callback of {@code msgId} held in its final row. */
    static long taskIdOf(long msgId) {
        return -msgId;
    }

    /** Whether {@code taskId} is a report callback held in (or moved on from) a final row. */
    static boolean isHeldInFinal(long taskId) {
        return taskId < 0;
    }

    static long msgIdOf(long taskId) {
        return -taskId;
    }

    /** This node's mark is recorded: from now on its restart or adopter looks for callbacks held in final rows. */
    void marked() {
        marked = true;
    }

    boolean isMarked() {
        return marked;
    }

    /** Whether the report callback of {@code msgId}, made at {@code nowMillis}, may be held in its final row. */
    boolean mayHold(long msgId, long nowMillis) {
        return marked && msgId >= MessageIdGenerator.firstIdOf(nowMillis - RECENT_MILLIS);
    }

    void hold(long msgId, long nowMillis) {
        heldSince.put(msgId, nowMillis);
    }

    /** Their outcome committed (or they moved to the outbox): no longer held here. */
    void release(LongList msgIds) {
        for (int i = 0; i < msgIds.size(); i++) {
            heldSince.remove(msgIds.get(i));
        }
    }

    /** The msg_ids whose callbacks are held since before {@code millis}, sorted. */
    LongList heldBefore(long millis) {
        LongList stale = new LongList();
        heldSince.forEach((msgId, since) -> {
            if (since < millis) {
                stale.add(msgId);
            }
        });
        stale.distinctSorted();
        return stale;
    }

    /**
     * A msg_id at or below every callback held here and every one that may be held from now on: twice the recent
     * window back, so that a callback whose batch read the clock before this did, and is not added yet, is above it.
     */
    long mark(long nowMillis) {
        long mark = MessageIdGenerator.firstIdOf(nowMillis - 2 * RECENT_MILLIS);
        for (Long msgId : heldSince.keySet()) {
            mark = Math.min(mark, msgId);
        }
        return mark;
    }
}
