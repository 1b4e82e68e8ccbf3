package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.model.FinalReport;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.model.StoredMessage;
import org.cmppgw.gateway.persistence.sql.HeldMessages;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The store's queries that write nothing; each runs on a pooled connection in auto-commit mode. */
final class StoreReads {
    private static final String FIND = "SELECT " + AcceptPhase.MESSAGE_COLUMNS + ", f.status, f.stat, f.final_at, "
        + HeldMessages.QUEUED_COLUMN + " FROM message m LEFT JOIN message_final f ON f.msg_id = m.msg_id"
        + " LEFT JOIN pending_message p ON p.msg_id = m.msg_id LEFT JOIN held_message h ON h.msg_id = m.msg_id"
        + " WHERE m.msg_id = ?";
    // the node's queue rows first (its claimed ones through pending_message_node, the small held_message whole, those
    // held in their message rows from its mark on), then their messages: an IN over the UNION would walk the message
    // table and test every row against it
    private static final String PENDING = "SELECT " + AcceptPhase.MESSAGE_COLUMNS + " FROM (SELECT msg_id"
        + " FROM pending_message WHERE node_id = ? AND msg_id > ? UNION ALL SELECT msg_id FROM held_message"
        + " WHERE node_id = ? AND msg_id > ? UNION ALL " + HeldMessages.IN_ROWS_OF_NODE_AFTER
        + ") q JOIN message m ON m.msg_id = q.msg_id ORDER BY m.msg_id LIMIT ?";
    private static final String MAX_MSG_ID = "SELECT MAX(msg_id) FROM message";
    /** Held callbacks (V29) take their ids from the same generator. */
    private static final String MAX_OUTBOX_ID = "SELECT GREATEST(COALESCE((SELECT MAX(id) FROM callback_outbox), 0),"
        + " COALESCE((SELECT MAX(id) FROM held_callback), 0))";
    private static final String COUNT_PARKED = "SELECT COUNT(*) FROM parked_report";
    private static final String COUNT_MISMATCHED = "SELECT COUNT(*) FROM mismatched_report";

    private final DataSource dataSource;

    StoreReads(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Optional<StoredMessage> find(long msgId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(FIND)) {
            select.setLong(1, msgId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                OutboundMessage message = AcceptPhase.readMessage(row, 1);
                int status = row.getInt(10);
                if (!row.wasNull()) {
                    FinalReport report = new FinalReport(msgId, message.mobile(), MessageStatus.of(status),
                        row.getString(11), Instant.ofEpochMilli(row.getLong(12)));
                    return Optional.of(new StoredMessage(message, report.status(), report));
                }
                row.getLong(13);
                MessageStatus open = row.wasNull() ? MessageStatus.SUBMITTED : MessageStatus.ACCEPTED;
                return Optional.of(new StoredMessage(message, open, null));
            }
        }
    }

    List<OutboundMessage> pending(int nodeId, long afterMsgId, int max) throws SQLException {
        List<OutboundMessage> messages = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(PENDING)) {
            select.setInt(1, nodeId);
            select.setLong(2, afterMsgId);
            select.setInt(3, nodeId);
            select.setLong(4, afterMsgId);
            HeldMessages.bindInRowsOfNodeAfter(select, 5, nodeId, afterMsgId);
            select.setInt(8, max);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    messages.add(AcceptPhase.readMessage(rows, 1));
                }
            }
        }
        return messages;
    }

    long maxMessageId() throws SQLException {
        return singleLong(MAX_MSG_ID);
    }

    /** The largest callback id, outbox or held, 0 when none: the floor of the outbox id generator. */
    long maxOutboxId() throws SQLException {
        return singleLong(MAX_OUTBOX_ID);
    }

    long countParked() throws SQLException {
        return singleLong(COUNT_PARKED);
    }

    long countMismatched() throws SQLException {
        return singleLong(COUNT_MISMATCHED);
    }

    private long singleLong(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql);
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
