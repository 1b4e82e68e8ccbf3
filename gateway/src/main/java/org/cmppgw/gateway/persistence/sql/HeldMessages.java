package org.cmppgw.gateway.persistence.sql;

import org.cmppgw.gateway.model.Priorities;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages a node holds in memory, and how they go back to the queue: in their own message rows
 * (db/migration/V33__held_in_message_row.sql, {@link MessagesHeldInRows}) or in {@code held_message}
 * (db/migration/V28__held_message.sql) when the node took them at their accept commit, in {@code pending_message} with
 * {@code taken = 1} when it claimed them from the store. Every way back runs inside the caller's transaction: all of a
 * node's messages when it restarts or is adopted (as possible resends), and the messages a node hands back unsent.
 * A message held in its row goes back by getting a {@code pending_message} row (taken = 0), a held row by moving
 * there; a claimed row by clearing its {@code taken}.
 *
 * <p>A move first locks the rows it moves ({@code FOR UPDATE} by primary key, or a scan of this small table's primary
 * key for a node's rows), then copies and deletes exactly those rows. So a status writer deleting one of them at the
 * same moment (its message was submitted) either deletes it first, and it is not moved, or waits and then deletes the
 * queue row the move wrote: a submitted message is never put back.
 */
public final class HeldMessages {
    /** Of message {@code m}: fewer of its parts have an accepted submit than it has parts. */
    private static final String FEWER_SUBMITS = "(SELECT COUNT(DISTINCT s.part_no) FROM carrier_submit s"
        + " WHERE s.msg_id = m.msg_id AND s.result = 0) < m.parts";
    /**
     * Of message {@code m} whose {@code held_node} is the parameter: still queued in its own row, with no other place
     * in the queue (V33__held_in_message_row.sql).
     */
    private static final String QUEUED_IN_ROW_OF_NODE = "m.held_node = ?"
        + " AND NOT EXISTS (SELECT 1 FROM message_final f WHERE f.msg_id = m.msg_id)"
        + " AND NOT EXISTS (SELECT 1 FROM pending_message p WHERE p.msg_id = m.msg_id)"
        + " AND NOT EXISTS (SELECT 1 FROM held_message h WHERE h.msg_id = m.msg_id) AND " + FEWER_SUBMITS;
    /**
     * Whether message {@code m}, joined with its {@code message_final f}, {@code pending_message p} and
     * {@code held_message h} rows, is still queued: it has a queue row, or a node holds it in its own row.
     */
    public static final String QUEUED = "(p.msg_id IS NOT NULL OR h.msg_id IS NOT NULL OR (f.msg_id IS NULL"
        + " AND m.held_node IS NOT NULL AND " + FEWER_SUBMITS + "))";
    /** {@link #QUEUED} as a column: 1, or NULL when the message is not queued. */
    public static final String QUEUED_COLUMN = "CASE WHEN " + QUEUED + " THEN 1 END";
    private static final String IN_ROW_COLUMNS = "SELECT m.msg_id, m.priority, m.accepted_at, m.held_expires_at,"
        + " m.held_provider, m.app_key FROM message m WHERE ";
    /** A node's messages held in their rows, from its mark on: a range of the primary key. */
    private static final String IN_ROWS_FROM = IN_ROW_COLUMNS + "m.msg_id >= ? AND " + QUEUED_IN_ROW_OF_NODE
        + " ORDER BY m.msg_id";
    /**
     * The msg ids of the messages a node holds in their rows above a msg id, from the node's mark on (none when it has
     * none); bound by {@link #bindInRowsOfNodeAfter}.
     */
    public static final String IN_ROWS_OF_NODE_AFTER = "SELECT m.msg_id FROM gateway_node g JOIN message m"
        + " ON m.msg_id >= g.held_mark WHERE g.node_id = ? AND g.held_mark > 0 AND m.msg_id > ? AND "
        + QUEUED_IN_ROW_OF_NODE;
    /** A waiting row: its first seven parameters are {@link #INSERT}'s, then {@code resend}. */
    private static final String INSERT_WAITING = "INSERT INTO pending_message (msg_id, node_id, queue_rank, due_at,"
        + " expires_at, provider, app_key, taken, resend) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)";
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
    private final InQuery inRows;

    public HeldMessages(Dialect dialect) {
        this.inRows = new InQuery(dialect, IN_ROW_COLUMNS + "m.msg_id IN (", ") AND " + QUEUED_IN_ROW_OF_NODE
            + " ORDER BY m.msg_id" + dialect.messageLock());
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
        int inRows = requeueInRows(connection, node);
        LongList ids = new LongList();
        try (PreparedStatement lock = connection.prepareStatement(LOCK_NODE)) {
            lock.setInt(1, node);
            try (ResultSet rows = lock.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
        }
        int requeued = inRows + move(connection, ids, true);
        try (PreparedStatement update = connection.prepareStatement(REQUEUE_CLAIMED)) {
            update.setInt(1, node);
            return requeued + update.executeUpdate();
        }
    }

    /**
     * The messages {@code node} held in their rows, from its mark on (none if it has no mark), get waiting rows as
     * possible resends; its mark is cleared: it holds none that way now, and its next start, maybe days later, has no
     * range to look through. Only for a node no process runs now (its own start, or an adoption).
     */
    private static int requeueInRows(Connection connection, int node) throws SQLException {
        long mark = NodeMark.HELD_MESSAGES.read(connection, node);
        if (mark == 0) {
            return 0;
        }
        List<MessagesHeldInRows.Entry> entries = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(IN_ROWS_FROM)) {
            select.setLong(1, mark);
            select.setInt(2, node);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(entryOf(rows));
                }
            }
        }
        insertWaiting(connection, node, entries, true);
        NodeMark.HELD_MESSAGES.write(connection, node, 0);
        return entries.size();
    }

    /** Binds {@link #IN_ROWS_OF_NODE_AFTER}'s three parameters from {@code index}. */
    public static void bindInRowsOfNodeAfter(PreparedStatement statement, int index, int node, long afterMsgId)
            throws SQLException {
        statement.setInt(index, node);
        statement.setLong(index + 1, afterMsgId);
        statement.setInt(index + 2, node);
    }

    /** Gives {@code entries}, held by {@code node} in their message rows, waiting rows in {@code pending_message}. */
    public static void insertWaiting(Connection connection, int node, List<MessagesHeldInRows.Entry> entries,
                                     boolean resend) throws SQLException {
        int flag = resend ? 1 : 0;
        insert(connection, INSERT_WAITING, node, entries, (statement, index) -> statement.setInt(index, flag));
    }

    /** Gives {@code entries}, held by {@code node} in their message rows, rows of their own in {@code held_message}. */
    public static void insertHeld(Connection connection, int node, List<MessagesHeldInRows.Entry> entries)
            throws SQLException {
        insert(connection, INSERT, node, entries, InQuery.Binder.NONE);
    }

    /** One batch of {@code sql}: each entry's queue values as {@link #INSERT} takes them, then {@code more}. */
    private static void insert(Connection connection, String sql, int node, List<MessagesHeldInRows.Entry> entries,
                               InQuery.Binder more) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (MessagesHeldInRows.Entry entry : entries) {
                insert.setLong(1, entry.msgId());
                insert.setInt(2, node);
                insert.setInt(3, entry.rank());
                insert.setLong(4, entry.dueAt());
                insert.setLong(5, entry.expiresAt());
                insert.setString(6, entry.provider());
                insert.setString(7, entry.appKey());
                more.bind(insert, 8);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** A message read with {@link #IN_ROW_COLUMNS}: its queue values, due at its accept, its rank by its priority. */
    private static MessagesHeldInRows.Entry entryOf(ResultSet row) throws SQLException {
        return new MessagesHeldInRows.Entry(row.getLong(1), Priorities.of(row.getInt(2)).ordinal(), row.getLong(3),
            row.getLong(4), row.getString(5), row.getString(6));
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
        // held in their rows and not in this node's memory: a failed accept's, whose commit happened after all
        List<MessagesHeldInRows.Entry> inRowsOnly = new ArrayList<>();
        inRows.forEach(connection, wanted.values(), wanted.size(), byNode, row -> inRowsOnly.add(entryOf(row)));
        insertWaiting(connection, node, inRowsOnly, false);
        lockIds.forEach(connection, wanted.values(), wanted.size(), byNode, row -> ids.add(row.getLong(1)));
        // held first: a message moved from held_message is waiting now, and the claimed rows' update passes it
        int released = inRowsOnly.size() + move(connection, ids, false);
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
