package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.history.HistoryStore;
import org.cmppgw.gateway.persistence.StoreException;
import org.cmppgw.gateway.persistence.sql.Dialect;
import org.cmppgw.gateway.persistence.sql.HeldMessages;
import org.cmppgw.gateway.persistence.sql.InQuery;
import org.cmppgw.gateway.persistence.sql.Transactions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * {@link HistoryStore} on JDBC (H2 or MariaDB). Every walk reads the message table's primary key in msg_id order from a
 * bound, so a page costs its own rows and never a scan of the table; the final status and queue rows of each message
 * come from their primary keys in the same statement (and, for one a node holds in its row, its submits:
 * {@link HeldMessages#QUEUED}). Deletes by msg_id use the indexes that exist for the hot path
 * (carrier_submit_msg, mismatched_report_msg, the primary keys). Cold path: one background thread, blocking, each call
 * its own short transaction.
 */
public final class JdbcHistoryStore implements HistoryStore {
    private static final String SCANNED = "SELECT m.msg_id, f.final_at, " + HeldMessages.QUEUED_COLUMN
        + " FROM message m LEFT JOIN message_final f ON f.msg_id = m.msg_id"
        + " LEFT JOIN pending_message p ON p.msg_id = m.msg_id LEFT JOIN held_message h ON h.msg_id = m.msg_id";
    private static final String SCAN = SCANNED + " WHERE m.msg_id > ? AND m.msg_id < ? ORDER BY m.msg_id LIMIT ?";
    private static final String SCAN_WATCHED = "SELECT w.msg_id, f.final_at, " + HeldMessages.QUEUED_COLUMN
        + ", m.msg_id FROM report_watch w LEFT JOIN message m ON m.msg_id = w.msg_id"
        + " LEFT JOIN message_final f ON f.msg_id = w.msg_id LEFT JOIN pending_message p ON p.msg_id = w.msg_id"
        + " LEFT JOIN held_message h ON h.msg_id = w.msg_id WHERE w.msg_id > ? ORDER BY w.msg_id LIMIT ?";
    private static final String FIRST = "SELECT MIN(msg_id) FROM message";
    private static final String CURSOR = "SELECT position FROM history_cursor WHERE name = ?";
    private static final String SAVE_CURSOR = "INSERT INTO history_cursor (name, position) VALUES (?, ?)"
        + " ON DUPLICATE KEY UPDATE position = GREATEST(position, VALUES(position))";
    private static final String WATCH = "INSERT INTO report_watch (msg_id) VALUES (?)"
        + " ON DUPLICATE KEY UPDATE msg_id = VALUES(msg_id)";
    /** Children first, the message row last; one transaction, so a crash leaves a message whole or gone. */
    private static final String[] MESSAGE_TABLES = {"carrier_submit", "message_part", "mismatched_report",
        "report_watch", "message_final", "message"};
    private static final String DELETE_MO = "DELETE FROM mo_message WHERE mo_id < ? LIMIT ?";
    private static final String DELETE_ABANDONED = "DELETE FROM callback_outbox WHERE id < ? AND due_at IS NULL"
        + " LIMIT ?";
    /** Status 0 is queued (V16__email_message.sql); any other is final. */
    private static final String DELETE_EMAILS = "DELETE FROM email_message WHERE id < ? AND status <> 0"
        + " AND finished_at < ? LIMIT ?";
    private static final String DELETE_PARKED = "DELETE FROM parked_report WHERE parked_at < ? LIMIT ?";
    private static final String DELETE_CLICK_LINKS = "DELETE FROM click_link WHERE created_at < ? LIMIT ?";

    private final DataSource dataSource;
    private final InQuery lastSubmits;
    /** By table of {@link #MESSAGE_TABLES}: its rows of a list of msg ids, deleted in padded chunks. */
    private final Map<String, InQuery> deletes = new HashMap<>();

    public JdbcHistoryStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        Dialect dialect = Dialect.of(dataSource);
        this.lastSubmits = new InQuery(dialect,
            "SELECT msg_id, MAX(submitted_at) FROM carrier_submit WHERE msg_id IN (", ") GROUP BY msg_id");
        for (String table : MESSAGE_TABLES) {
            deletes.put(table, new InQuery(dialect, "DELETE FROM " + table + " WHERE msg_id IN (", ")"));
        }
    }

    private <T> T inTransaction(String what, Transactions.Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return Transactions.commit(connection, work);
        } catch (SQLException e) {
            throw new StoreException("store - history " + what + " failed (" + e + ")", e);
        }
    }

    @Override
    public long firstMessageId() {
        return inTransaction("firstMessageId", c -> {
            try (PreparedStatement s = c.prepareStatement(FIRST); ResultSet row = s.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        });
    }

    @Override
    public List<Scanned> scan(long afterMsgId, long beforeMsgId, int max) {
        return inTransaction("scan", c -> {
            try (PreparedStatement s = c.prepareStatement(SCAN)) {
                s.setLong(1, afterMsgId);
                s.setLong(2, beforeMsgId);
                s.setInt(3, max);
                return scanned(s, false);
            }
        });
    }

    @Override
    public List<Scanned> scanWatched(long afterMsgId, int max) {
        return inTransaction("scanWatched", c -> {
            try (PreparedStatement s = c.prepareStatement(SCAN_WATCHED)) {
                s.setLong(1, afterMsgId);
                s.setInt(2, max);
                return scanned(s, true);
            }
        });
    }

    private static List<Scanned> scanned(PreparedStatement statement, boolean watched) throws SQLException {
        List<Scanned> out = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                long msgId = rows.getLong(1);
                long finalAt = rows.getLong(2);
                boolean isFinal = !rows.wasNull();
                rows.getLong(3);
                boolean pending = !rows.wasNull();
                if (watched) {
                    rows.getLong(4);
                    if (rows.wasNull()) {
                        // The message is gone (deleted by hand): nothing is owed for it; report it as final.
                        out.add(new Scanned(msgId, 0, false));
                        continue;
                    }
                }
                out.add(new Scanned(msgId, isFinal ? finalAt : Scanned.NOT_FINAL, pending));
            }
        }
        return out;
    }

    @Override
    public Map<Long, Long> lastSubmittedAt(List<Long> msgIds) {
        Map<Long, Long> out = new HashMap<>();
        if (msgIds.isEmpty()) {
            return out;
        }
        long[] ids = msgIds.stream().mapToLong(Long::longValue).sorted().toArray();
        return inTransaction("lastSubmittedAt", c -> {
            lastSubmits.forEach(c, ids, ids.length, row -> out.put(row.getLong(1), row.getLong(2)));
            return out;
        });
    }

    @Override
    public long cursor(String name) {
        return inTransaction("cursor", c -> {
            try (PreparedStatement s = c.prepareStatement(CURSOR)) {
                s.setString(1, name);
                try (ResultSet row = s.executeQuery()) {
                    return row.next() ? row.getLong(1) : 0;
                }
            }
        });
    }

    @Override
    public void advance(String name, long position, List<Long> watch) {
        inTransaction("advance", c -> {
            if (!watch.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement(WATCH)) {
                    for (long msgId : watch) {
                        s.setLong(1, msgId);
                        s.addBatch();
                    }
                    s.executeBatch();
                }
            }
            try (PreparedStatement s = c.prepareStatement(SAVE_CURSOR)) {
                s.setString(1, name);
                s.setLong(2, position);
                s.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void unwatch(List<Long> msgIds) {
        if (!msgIds.isEmpty()) {
            inTransaction("unwatch", c -> deleteIn(c, "report_watch", msgIds));
        }
    }

    @Override
    public int deleteMessages(List<Long> msgIds) {
        if (msgIds.isEmpty()) {
            return 0;
        }
        return inTransaction("deleteMessages", c -> {
            int rows = 0;
            for (String table : MESSAGE_TABLES) {
                rows += deleteIn(c, table, msgIds);
            }
            return rows;
        });
    }

    private int deleteIn(Connection connection, String table, List<Long> msgIds) throws SQLException {
        long[] ids = msgIds.stream().mapToLong(Long::longValue).toArray();
        return deletes.get(table).update(connection, ids, ids.length);
    }

    @Override
    public int deleteMoBefore(long beforeMoId, int max) {
        return deleteLimited("deleteMoBefore", DELETE_MO, beforeMoId, max);
    }

    @Override
    public int deleteAbandonedCallbacksBefore(long beforeId, int max) {
        return deleteLimited("deleteAbandonedCallbacksBefore", DELETE_ABANDONED, beforeId, max);
    }

    @Override
    public int deleteParkedReportsBefore(long parkedBeforeMillis, int max) {
        return deleteLimited("deleteParkedReportsBefore", DELETE_PARKED, parkedBeforeMillis, max);
    }

    @Override
    public int deleteEmailsBefore(long beforeId, long finishedBeforeMillis, int max) {
        return inTransaction("deleteEmailsBefore", c -> {
            try (PreparedStatement s = c.prepareStatement(DELETE_EMAILS)) {
                s.setLong(1, beforeId);
                s.setLong(2, finishedBeforeMillis);
                s.setInt(3, max);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public int deleteClickLinksBefore(long createdBeforeMillis, int max) {
        return deleteLimited("deleteClickLinksBefore", DELETE_CLICK_LINKS, createdBeforeMillis, max);
    }

    private int deleteLimited(String what, String sql, long bound, int max) {
        return inTransaction(what, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setLong(1, bound);
                s.setInt(2, max);
                return s.executeUpdate();
            }
        });
    }
}
