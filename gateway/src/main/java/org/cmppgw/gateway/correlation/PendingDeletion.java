package org.cmppgw.gateway.correlation;

import org.cmppgw.gateway.persistence.sql.Dialect;
import org.cmppgw.gateway.persistence.sql.HeldMessages;
import org.cmppgw.gateway.persistence.sql.InQuery;
import org.cmppgw.gateway.persistence.sql.LongList;
import org.cmppgw.gateway.persistence.sql.MessagesHeldInRows;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Takes messages out of the queue once every part has an accepted submit or the message is final: out of this node's
 * {@link MessagesHeldInRows} (handed to memory at accept, nothing to delete: nearly every message while the carriers
 * keep up), else out of {@code held_message} (handed to memory at accept, before the node's mark, or held long) and
 * {@code pending_message} (claimed from the store, or put back there), one {@code DELETE … IN (…)} per table and chunk
 * of ids, not one execution per message (see {@link InQuery#update}). The held rows go first, the order in which
 * {@link HeldMessages} moves rows between the tables: a move that meets this delete either waits for it or is waited
 * for, and never puts a submitted message back in the queue.
 */
final class PendingDeletion {
    private final HeldMessages held;
    private final InQuery pending;
    private final MessagesHeldInRows heldInRows;

    PendingDeletion(Dialect dialect, MessagesHeldInRows heldInRows) {
        this.heldInRows = heldInRows;
        this.held = new HeldMessages(dialect);
        this.pending = new InQuery(dialect, "DELETE FROM pending_message WHERE msg_id IN (", ")");
    }

    void apply(Connection connection, LongList leaving) throws SQLException {
        if (leaving.size() == 0) {
            return;
        }
        // Sorted, so two nodes deleting overlapping sets lock rows in the same order (no deadlock).
        LongList msgIds = heldInRows.takeAll(leaving.distinctSorted());
        if (msgIds.size() == 0) {
            return;
        }
        int deletedHeld = held.delete(connection, msgIds.values(), msgIds.size());
        // A message is queued in one of the two tables, never both (a move between them copies and deletes in one
        // transaction), so when every message was held there is nothing to delete from pending_message: nearly always
        // while the carriers keep up, and one statement (with its index lookups) fewer per batch of submits.
        if (deletedHeld < msgIds.size()) {
            pending.update(connection, msgIds.values(), msgIds.size());
        }
    }
}
