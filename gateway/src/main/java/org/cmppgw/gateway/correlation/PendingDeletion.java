package org.cmppgw.gateway.correlation;

import org.cmppgw.gateway.persistence.sql.Dialect;
import org.cmppgw.gateway.persistence.sql.InQuery;
import org.cmppgw.gateway.persistence.sql.LongList;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Takes messages out of {@code pending_message} once every part has an accepted submit or the message is final: one
 * {@code DELETE … IN (…)} per chunk of ids, not one execution per message (see {@link InQuery#update}).
 */
final class PendingDeletion {
    private final InQuery delete;

    PendingDeletion(Dialect dialect) {
        this.delete = new InQuery(dialect, "DELETE FROM pending_message WHERE msg_id IN (", ")");
    }

    void apply(Connection connection, LongList msgIds) throws SQLException {
        if (msgIds.size() == 0) {
            return;
        }
        // Sorted, so two nodes deleting overlapping sets lock rows in the same order (no deadlock).
        msgIds.distinctSorted();
        delete.update(connection, msgIds.values(), msgIds.size());
    }
}
