package org.cmppgw.gateway.console;

import org.cmppgw.gateway.model.CallbackType;
import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.persistence.sql.HeldMessages;
import org.cmppgw.gateway.persistence.sql.JdbcExecutor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The console's reads of the message store: a search over {@code message} that always walks an index backwards by
 * msg_id (the primary key, or {@code message_mobile} / {@code message_app} of V17), so a page costs the same over
 * millions of rows; and one message's detail. A time range becomes a msg_id range: msg_ids sort by acceptance time
 * ({@link MessageIdGenerator}).
 */
final class MessageSearch {
    private static final String SELECT = "SELECT m.msg_id, m.app_key, m.mobile, m.template_id, m.parts,"
        + " m.accepted_at, f.status, f.stat, " + HeldMessages.QUEUED_COLUMN + ", m.content, f.final_at";
    private static final String JOINS = " LEFT JOIN message_final f ON f.msg_id = m.msg_id"
        + " LEFT JOIN pending_message p ON p.msg_id = m.msg_id LEFT JOIN held_message h ON h.msg_id = m.msg_id";
    private static final String COLUMNS = SELECT + " FROM message m" + JOINS;
    private static final String SUBMITS = "SELECT part_no, part_count, provider, carrier_msg_id, result, submitted_at"
        + " FROM carrier_submit WHERE msg_id = ? ORDER BY part_no, id";
    private static final String REPORTS = "SELECT part_no, provider, carrier_msg_id, stat, reported_at"
        + " FROM message_part WHERE msg_id = ? ORDER BY part_no";
    // The outbox holds only what is still owed (sent rows are deleted), so it stays small enough to scan by ref_id.
    /**
     * Owed callbacks: outbox rows, and those a node holds while it sends them, in rows of their own
     * (V29__held_callback.sql) or in the message's final row (V32__report_callback_in_final.sql).
     */
    private static final String CALLBACKS = "SELECT kind, url, attempts, due_at, 0 AS held, id FROM callback_outbox"
        + " WHERE kind = ? AND ref_id = ? UNION ALL SELECT kind, url, 1, NULL, 1, id FROM held_callback"
        + " WHERE kind = ? AND ref_id = ? UNION ALL SELECT ?, m.callback_url, 1, NULL, 1, -f.msg_id"
        + " FROM message_final f JOIN message m ON m.msg_id = f.msg_id WHERE f.msg_id = ?"
        + " AND f.callback_node IS NOT NULL AND f.callback_at = 0 ORDER BY id";

    // Set when the app acknowledged the report callback (db/migration/V24__callback_delivered.sql).
    private static final String DELIVERED = "SELECT callback_at, callback_attempts FROM message_final"
        + " WHERE msg_id = ? AND callback_at > 0";

    private final JdbcExecutor reads;

    MessageSearch(JdbcExecutor reads) {
        this.reads = reads;
    }

    /** One page of messages matching {@code filter}, newest first; one row more than a page says there is a next. */
    CompletableFuture<List<MessageRow>> search(MessageFilter filter) {
        return reads.transaction("console search", c -> search(c, filter));
    }

    /** One message with its submits, reports, delivered and owed callbacks. */
    CompletableFuture<Optional<MessageDetail>> detail(long msgId) {
        return reads.transaction("console message", c -> detail(c, msgId));
    }

    private static List<MessageRow> search(Connection c, MessageFilter filter) throws SQLException {
        // The page's msg_ids first, then their rows (a deferred join): the inner query needs only the index it walks,
        // so MariaDB walks (app_key, msg_id) as a range and stops at the page's end; asked for the full rows at once,
        // it walked every newer row of the app (1,000,000 rows: benchmarks/scripts/message-search.sh).
        StringBuilder sql = new StringBuilder(SELECT).append(" FROM (SELECT m.msg_id FROM message m").append(JOINS)
            .append(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (filter.msgId() > 0) {
            sql.append(" AND m.msg_id = ?");
            args.add(filter.msgId());
        }
        if (!filter.mobile().isEmpty()) {
            sql.append(" AND m.mobile = ?");
            args.add(filter.mobile());
        }
        if (!filter.appKey().isEmpty()) {
            sql.append(" AND m.app_key = ?");
            args.add(filter.appKey());
        }
        if (filter.from() > 0) {
            sql.append(" AND m.msg_id >= ?");
            args.add(MessageIdGenerator.firstIdOf(filter.from()));
        }
        if (filter.to() > 0) {
            sql.append(" AND m.msg_id < ?");
            args.add(MessageIdGenerator.firstIdOf(filter.to()));
        }
        if (filter.before() > 0) {
            sql.append(" AND m.msg_id < ?");
            args.add(filter.before());
        }
        if (filter.status() != null) {
            sql.append(switch (filter.status()) {
                case ACCEPTED -> " AND f.msg_id IS NULL AND " + HeldMessages.QUEUED;
                case SUBMITTED -> " AND f.msg_id IS NULL AND NOT " + HeldMessages.QUEUED;
                case DELIVERED, FAILED -> " AND f.status = " + filter.status().code();
            });
        }
        sql.append(" ORDER BY m.msg_id DESC LIMIT ").append(MessageFilter.PAGE + 1).append(") page")
            .append(" JOIN message m ON m.msg_id = page.msg_id").append(JOINS).append(" ORDER BY m.msg_id DESC");
        List<MessageRow> rows = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                select.setObject(i + 1, args.get(i));
            }
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    rows.add(row(row));
                }
            }
        }
        return rows;
    }

    private static MessageRow row(ResultSet row) throws SQLException {
        int finalStatus = row.getInt(7);
        boolean closed = !row.wasNull();
        String stat = row.getString(8);
        row.getLong(9);
        MessageStatus status = closed ? MessageStatus.of(finalStatus)
            : row.wasNull() ? MessageStatus.SUBMITTED : MessageStatus.ACCEPTED;
        return new MessageRow(row.getLong(1), row.getString(2), row.getString(3), row.getLong(4), row.getInt(5),
            time(row.getLong(6)), status.name(), stat == null ? "" : stat);
    }

    private static Optional<MessageDetail> detail(Connection c, long msgId) throws SQLException {
        MessageRow summary;
        String content;
        String finalAt;
        try (PreparedStatement select = c.prepareStatement(COLUMNS + " WHERE m.msg_id = ?")) {
            select.setLong(1, msgId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                summary = row(row);
                content = row.getString(10);
                long at = row.getLong(11);
                finalAt = row.wasNull() ? "" : time(at);
            }
        }
        List<MessageDetail.Submit> submits = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(SUBMITS)) {
            select.setLong(1, msgId);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    submits.add(new MessageDetail.Submit(row.getInt(1), row.getInt(2), row.getString(3),
                        Long.toUnsignedString(row.getLong(4)), row.getInt(5), time(row.getLong(6))));
                }
            }
        }
        List<MessageDetail.PartReport> reports = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(REPORTS)) {
            select.setLong(1, msgId);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    reports.add(new MessageDetail.PartReport(row.getInt(1), row.getString(2),
                        Long.toUnsignedString(row.getLong(3)), row.getString(4), time(row.getLong(5))));
                }
            }
        }
        List<MessageDetail.OwedCallback> callbacks = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(CALLBACKS)) {
            select.setInt(1, CallbackType.SMS_REPORT.code());
            select.setLong(2, msgId);
            select.setInt(3, CallbackType.SMS_REPORT.code());
            select.setLong(4, msgId);
            select.setInt(5, CallbackType.SMS_REPORT.code());
            select.setLong(6, msgId);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    long due = row.getLong(4);
                    boolean abandoned = row.wasNull();
                    String next = row.getInt(5) == 1 ? "sending" : abandoned ? "abandoned" : time(due);
                    callbacks.add(new MessageDetail.OwedCallback(CallbackType.of(row.getInt(1)).name(),
                        row.getString(2), row.getInt(3), next));
                }
            }
        }
        List<MessageDetail.DeliveredCallback> delivered = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(DELIVERED)) {
            select.setLong(1, msgId);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    delivered.add(new MessageDetail.DeliveredCallback(CallbackType.SMS_REPORT.name(),
                        time(row.getLong(1)), row.getInt(2)));
                }
            }
        }
        return Optional.of(new MessageDetail(summary, content, finalAt, submits, reports, delivered, callbacks));
    }

    static String time(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
