package org.cmppgw.gateway.callback.outbox;

import org.cmppgw.gateway.model.CallbackTask;
import org.cmppgw.gateway.model.CallbackType;
import org.cmppgw.gateway.model.MessageIdGenerator;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The callback outbox rows one lane's batch creates. Their ids come from a node-local {@link MessageIdGenerator}, so
 * a row's id is known before it is inserted. While the store hands new callbacks to this node's dispatcher
 * ({@link org.cmppgw.gateway.persistence.CallbackOutbox#handNewCallbacksTo}), they are {@code held_callback} rows of
 * this node (db/migration/V29__held_callback.sql): collected as tasks and handed over after the commit, so a fresh
 * callback costs an insert and a delete on a table with only its primary key, with no claim query, no lease update
 * and no payload read. If this node dies, its next start or the node adopting it moves them to the outbox, due at
 * once ({@link OutboxPhase#reclaim}); one whose outcome could not be written goes there after the claim lease
 * ({@link OutboxPhase#claim}). A fresh message's report callback needs no row at all: it is held in the message's
 * final row ({@link ReportsHeldInFinals}). Confined to the lane's writer thread.
 */
public final class NewCallbacks {
    /**
     * Where new callbacks go.
     *
     * @param nodeId the holding node, recorded in the rows so that it (or its adopter) can take them back after a crash
     */
    public record Handoff(int nodeId, Consumer<List<CallbackTask>> sink) {
    }

    private final MessageIdGenerator ids;
    private final CallbackFilter filter;
    private final ReportsHeldInFinals finals;
    private final List<CallbackTask> tasks = new ArrayList<>();
    private Handoff handoff;

    /**
     * @param filter which callbacks get a row; the others are not made (their cause stays pullable)
     * @param finals where report callbacks held in their final rows are kept track of; null: none are
     */
    public NewCallbacks(MessageIdGenerator ids, CallbackFilter filter, ReportsHeldInFinals finals) {
        this.ids = ids;
        this.filter = filter;
        this.finals = finals;
    }

    boolean calls(String appKey, CallbackType type) {
        return filter.calls(appKey, type);
    }

    /** A batch starts: earlier tasks (of a rolled-back batch) are dropped; {@code current} may be null. */
    public void begin(Handoff current) {
        tasks.clear();
        handoff = current;
    }

    long nextId() {
        return ids.next();
    }

    /** Whether this batch's new callbacks go to this node's dispatcher (held rows) rather than due for any claimer. */
    boolean handsOver() {
        return handoff != null;
    }

    /** The node that holds this batch's new rows; meaningful only while {@link #handsOver()}. */
    int nodeId() {
        return handoff == null ? 0 : handoff.nodeId();
    }

    void add(CallbackTask task) {
        tasks.add(task);
    }

    /** Whether this batch may hold the report callback of {@code msgId} in its final row. */
    boolean holdsInFinal(long msgId, long nowMillis) {
        return handoff != null && finals != null && finals.mayHold(msgId, nowMillis);
    }

    /** A report callback held in its final row: kept track of from before the commit, handed over after it. */
    void holdInFinal(CallbackTask task, long msgId, long nowMillis) {
        finals.hold(msgId, nowMillis);
        tasks.add(task);
    }

    /** The batch committed: its tasks go to the sink. */
    public void committed() {
        if (handoff != null && !tasks.isEmpty()) {
            handoff.sink().accept(List.copyOf(tasks));
        }
        tasks.clear();
    }
}
