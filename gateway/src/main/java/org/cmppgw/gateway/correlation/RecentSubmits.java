package org.cmppgw.gateway.correlation;

import org.cmppgw.gateway.model.SubmitOutcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The accepted submits this node's status lane recorded lately, by (provider, carrier Msg_Id): most reports come within
 * seconds of their submit, to the node that sent it, and are matched here instead of by a lookup of carrier_submit.
 * A submit counts only once its transaction committed ({@link #stage}, then {@link #committed}); a batch rolled back
 * leaves nothing behind ({@link #begin} drops what it staged). The oldest entries make room for new ones beyond
 * {@link #CAPACITY}, and an entry leaves when its final report takes it: a report whose submit is not here (too old,
 * recorded by another node or before a restart, or a repeated report) is looked up in the store as before.
 *
 * <p>A Msg_Id this node recorded twice maps to its later submit, as the lookup does. One recorded by another node
 * after this node's is not seen here; that takes a carrier reusing its Msg_Ids across the connections of two nodes
 * within seconds, where the store's "latest submit" was only a guess too.
 */
final class RecentSubmits {
    /** About 7 seconds of reports at 5,000 messages per second, some 3 MB of heap when full. */
    static final int CAPACITY = 32_768;

    private final int capacity;
    private final Map<CarrierKey, SubmittedPart> parts;
    private final List<SubmitOutcome> staged = new ArrayList<>();

    /** A recorded submit a report's Msg_Id points to. */
    record SubmittedPart(long msgId, int partNo) {
    }

    RecentSubmits() {
        this(CAPACITY);
    }

    RecentSubmits(int capacity) {
        this.capacity = capacity;
        this.parts = new LinkedHashMap<>(capacity * 4 / 3 + 1) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<CarrierKey, SubmittedPart> eldest) {
                return size() > RecentSubmits.this.capacity;
            }
        };
    }

    /** A transaction begins: whatever an earlier one staged was rolled back. */
    void begin() {
        staged.clear();
    }

    /** Accepted submits recorded in the current transaction. */
    void stage(List<SubmitOutcome> accepted) {
        staged.addAll(accepted);
    }

    /** The current transaction committed: its submits can be matched from here on. */
    void committed() {
        for (SubmitOutcome o : staged) {
            CarrierKey key = new CarrierKey(o.provider(), o.carrierMsgId());
            // removed first so that a Msg_Id recorded again moves to the young end, where eviction comes last
            parts.remove(key);
            parts.put(key, new SubmittedPart(o.msgId(), o.partNumber()));
        }
        staged.clear();
    }

    /** The submit of {@code key} if it is here, which it then no longer is; else null. */
    SubmittedPart take(CarrierKey key) {
        return parts.remove(key);
    }

    int size() {
        return parts.size();
    }
}
