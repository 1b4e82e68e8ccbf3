package org.cmppgw.gateway.persistence.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The messages a node holds in memory, and how they go back to the queue: in {@code held_message}
 * (db/migration/V28__held_message.sql) when the node took them at their accept commit, in {@code pending_message} with
 * {@code taken = 1} when it claimed them from the store. Both ways back run inside the caller's transaction: all of a
 * node's messages when it restarts or is adopted (as possible resends), and the messages a node hands back unsent.
 * A held row goes back by moving it to {@code pending_message} (taken = 0); a claimed row by clearing its
 * {@code taken}.
 *
 * <p>A move first locks the rows it moves ({@code FOR UPDATE} by primary key, or a scan of this small table's primary
 * key for a node's rows), then copies and deletes exactly those rows. So a status writer deleting one of them at the
 * same moment (its message was submitted) either deletes it first, and it is not moved, or waits and then deletes the
 * queue row the move wrote: a submitted message is never put back.
 */
public final class HeldMessages {
    /** The accept lane's insert of a message it hands to memory. */
    public static final String INSERT = "INSERT INTO held_message (msg_id, node_id, queue_rank, due_at, expires_at,"
        + " provider, app_key) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String LOCK_NODE = "SELECT msg_id FROM held_message WHERE node_id = ? FOR UPDATE";
    private static final String REQUEUE_CLAIMED = "UPDATE pending_message SET taken = 0, resend = 1 WHERE node_id = ?"
        + " AND taken = 1";
    private static final String COPY_HEAD = "INSERT INTO pending_message (msg_id, node_id, taken, queue_rank, due_at,"
        + " expires_at, resend, provider, app_key) SELECT msg_id, node_id, 0, queue_rank, due_at, expires_at, ?,"
        + " provider, app_key FROM held_message WHERE msg_id IN (";

    private final InQuery lockIds;
    private final InQuery copy;
    private final InQuery delete;
    private final InQuery releaseClaimed;

    public HeldMessages(Dialect dialect) {
        this.lockIds = new InQuery(dialect, "SELECT msg_id FROM held_message WHERE msg_id IN (",
            ") AND node_id = ? ORDER BY msg_id FOR UPDATE");
        this.copy = new InQuery(dialect, COPY_HEAD, 1, ")");
        this.delete = new InQuery(dialect, "DELETE FROM held_message WHERE msg_id IN (", ")");
        this.releaseClaimed = new InQuery(dialect, "UPDATE pending_message SET taken = 0 WHERE node_id = ?"
            + " AND taken = 1 AND msg_id IN (", 1, ")");
    }

    /**
     * Puts every message {@code node} holds back in the queue, due as before and marked as possible resends (the
     * node may have sent part of them before it stopped).
     *
     * @return the messages put back
     */
    public int requeue(Connection connection, int node) throws SQLException {
        LongList ids = new LongList();
        try (PreparedStatement lock = connection.prepareStatement(LOCK_NODE)) {
            lock.setInt(1, node);
            try (ResultSet rows = lock.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
        }
        int requeued = move(connection, ids, true);
        try (PreparedStatement update = connection.prepareStatement(REQUEUE_CLAIMED)) {
            update.setInt(1, node);
            return requeued + update.executeUpdate();
        }
    }

    /**
     * Hands the messages of {@code msgIds} that {@code node} holds back to the queue, never sent, so not resends.
     *
     * @return the messages handed back (the others are not held by {@code node})
     */
    public int release(Connection connection, int node, List<Long> msgIds) throws SQLException {
        LongList ids = new LongList();
        LongList wanted = LongList.of(msgIds).distinctSorted();
        InQuery.Binder byNode = (statement, index) -> statement.setInt(index, node);
        lockIds.forEach(connection, wanted.values(), wanted.size(), byNode, row -> ids.add(row.getLong(1)));
        // held first: a message moved from held_message is waiting now, and the claimed rows' update passes it
        int released = move(connection, ids, false);
        return released + releaseClaimed.update(connection, wanted.values(), wanted.size(), byNode);
    }

    /** Deletes the rows of messages that need no place in memory any more (submitted, final or withdrawn). */
    public int delete(Connection connection, long[] msgIds, int count) throws SQLException {
        return delete.update(connection, msgIds, count);
    }

    private int move(Connection connection, LongList ids, boolean resend) throws SQLException {
        if (ids.size() == 0) {
            return 0;
        }
        ids.distinctSorted();
        int resendFlag = resend ? 1 : 0;
        copy.update(connection, ids.values(), ids.size(), (statement, index) -> statement.setInt(index, resendFlag));
        return delete.update(connection, ids.values(), ids.size());
    }
}
