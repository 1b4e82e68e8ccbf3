package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.model.ContentHash;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.model.TemplateType;
import org.cmppgw.gateway.persistence.BatchWriter;
import org.cmppgw.gateway.persistence.RecipientRules;
import org.cmppgw.gateway.persistence.Write;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The accept lane's processor: inserts accepted messages and their pending rows, two JDBC batches per transaction
 * whatever the message count. Accepts are the lane's only write, so nothing needs sorting. Messages that come with
 * their template types first pass the per-mobile admission rules ({@link SendLedger}, docs/api.md "Admission
 * rules") in the same transaction, then billing ({@link BalanceLedger}, docs/api.md "Balances and billing"); the
 * refused are not stored, and each write resolves with its messages' verdicts.
 */
final class AcceptPhase implements BatchWriter.Processor<AcceptPhase.Accept> {
    static final String MESSAGE_COLUMNS =
        "m.msg_id, m.app_key, m.mobile, m.content, m.template_id, m.priority, m.callback_url, m.parts, m.accepted_at";
    private static final String INSERT_MESSAGE = "INSERT INTO message (msg_id, app_key, mobile, content, template_id,"
        + " priority, callback_url, parts, accepted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_PENDING = "INSERT INTO pending_message (msg_id, node_id) VALUES (?, ?)";

    private final int nodeId;
    private final SendLedger ledger;
    private final BalanceLedger balances;

    /** Accepted messages, stored together; resolves with one verdict per message (0 stored, else a JSMS code). */
    static final class Accept extends Write<int[]> {
        final List<OutboundMessage> messages;
        /** Per message its template type for the per-mobile rules; null = stored without them. */
        final List<TemplateType> types;

        Accept(List<OutboundMessage> messages, List<TemplateType> types) {
            this.messages = List.copyOf(messages);
            this.types = types == null ? null : List.copyOf(types);
            if (types != null && types.size() != messages.size()) {
                throw new IllegalArgumentException("types: " + types.size() + " (expected: one per message, "
                    + messages.size() + ")");
            }
        }

        @Override
        public int weight() {
            return Math.max(1, messages.size());
        }
    }

    AcceptPhase(int nodeId, SendLedger ledger, BalanceLedger balances) {
        this.nodeId = nodeId;
        this.ledger = ledger;
        this.balances = balances;
    }

    @Override
    public void process(Connection connection, List<Accept> writes) throws SQLException {
        int[] verdicts = balances.charge(connection, writes, decide(connection, writes));
        int next = 0;
        try (PreparedStatement messages = connection.prepareStatement(INSERT_MESSAGE);
             PreparedStatement pending = connection.prepareStatement(INSERT_PENDING)) {
            for (Accept write : writes) {
                int[] own = new int[write.messages.size()];
                for (int i = 0; i < own.length; i++) {
                    own[i] = write.types == null || verdicts == null ? 0 : verdicts[next++];
                }
                write.resolve(own);
                for (int i = 0; i < own.length; i++) {
                    if (own[i] != 0) {
                        continue;
                    }
                    OutboundMessage m = write.messages.get(i);
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

    /** The per-mobile verdicts of every message that came with its type, in order; null when there are none. */
    private int[] decide(Connection connection, List<Accept> writes) throws SQLException {
        if (!ledger.active()) {
            return null;
        }
        List<SendLedger.Candidate> candidates = new ArrayList<>();
        for (Accept write : writes) {
            if (write.types == null) {
                continue;
            }
            for (int i = 0; i < write.messages.size(); i++) {
                OutboundMessage m = write.messages.get(i);
                candidates.add(new SendLedger.Candidate(m, kind(write.types.get(i)), ContentHash.of(m.content())));
            }
        }
        return ledger.decide(connection, candidates);
    }

    private static int kind(TemplateType type) {
        return switch (type) {
            case CODE -> RecipientRules.CODE;
            case NOTIFICATION -> RecipientRules.NOTIFICATION;
            case MARKETING -> RecipientRules.MARKETING;
        };
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
