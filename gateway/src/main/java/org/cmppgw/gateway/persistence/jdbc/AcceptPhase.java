package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.persistence.BatchWriter;
import org.cmppgw.gateway.persistence.Write;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

/**
 * The accept lane's processor: inserts accepted messages and their pending rows, two JDBC batches per transaction
 * whatever the message count. Accepts are the lane's only write, so nothing needs sorting.
 */
final class AcceptPhase implements BatchWriter.Processor<AcceptPhase.Accept> {
    static final String MESSAGE_COLUMNS =
        "m.msg_id, m.app_key, m.mobile, m.content, m.template_id, m.priority, m.callback_url, m.parts, m.accepted_at";
    private static final String INSERT_MESSAGE = "INSERT INTO message (msg_id, app_key, mobile, content, template_id,"
        + " priority, callback_url, parts, accepted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_PENDING = "INSERT INTO pending_message (msg_id, node_id) VALUES (?, ?)";

    private final int nodeId;

    /** Accepted messages, stored together. */
    static final class Accept extends Write<Void> {
        final List<OutboundMessage> messages;

        Accept(List<OutboundMessage> messages) {
            this.messages = List.copyOf(messages);
        }

        @Override
        public int weight() {
            return Math.max(1, messages.size());
        }
    }

    AcceptPhase(int nodeId) {
        this.nodeId = nodeId;
    }

    @Override
    public void process(Connection connection, List<Accept> writes) throws SQLException {
        try (PreparedStatement messages = connection.prepareStatement(INSERT_MESSAGE);
             PreparedStatement pending = connection.prepareStatement(INSERT_PENDING)) {
            for (Accept write : writes) {
                for (OutboundMessage m : write.messages) {
                    bindMessage(messages, m);
                    messages.addBatch();
                    pending.setLong(1, m.msgId());
                    pending.setInt(2, nodeId);
                    pending.addBatch();
                }
            }
            messages.executeBatch();
            pending.executeBatch();
        }
    }

    private static void bindMessage(PreparedStatement statement, OutboundMessage m) throws SQLException {
        statement.setLong(1, m.msgId());
        statement.setString(2, m.appKey());
        statement.setString(3, m.mobile());
        statement.setString(4, m.content());
        statement.setLong(5, m.templateId());
        statement.setInt(6, m.priority());
        if (m.callbackUrl() == null) {
            statement.setNull(7, Types.VARCHAR);
        } else {
            statement.setString(7, m.callbackUrl());
        }
        statement.setInt(8, m.parts());
        statement.setLong(9, m.acceptedAt().toEpochMilli());
    }

    /** Reads a message selected with {@link #MESSAGE_COLUMNS} starting at column {@code first}. */
    static OutboundMessage readMessage(ResultSet row, int first) throws SQLException {
        return new OutboundMessage(row.getLong(first), row.getString(first + 1), row.getString(first + 2),
            row.getString(first + 3), row.getLong(first + 4), row.getInt(first + 5), row.getString(first + 6),
            row.getInt(first + 7), Instant.ofEpochMilli(row.getLong(first + 8)));
    }
}
