package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.model.ContentHash;
import org.cmppgw.gateway.model.MessagePriority;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.model.TemplateType;
import org.cmppgw.gateway.persistence.AcceptHook;
import org.cmppgw.gateway.persistence.BatchWriter;
import org.cmppgw.gateway.persistence.QueueEntry;
import org.cmppgw.gateway.persistence.RecipientRules;
import org.cmppgw.gateway.persistence.Write;
import org.cmppgw.gateway.persistence.sql.HeldMessages;
import org.cmppgw.gateway.persistence.sql.MessagesHeldInRows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The accept lane's processor: inserts accepted messages and their places in the queue: for those handed to memory at
 * once, the node's id in their own message row ({@link MessagesHeldInRows}, db/migration/V33__held_in_message_row.sql)
 * or, until the node's mark is recorded, a {@code held_message} row (V28__held_message.sql); {@code pending_message}
 * rows for those left waiting in the store (db/migration/V8__store_queue.sql); a JDBC batch per table per transaction
 * whatever the message count.
 * Accepts are the lane's only write, so nothing needs sorting. Messages that come with their template types first pass
 * the per-mobile admission rules ({@link SendLedger}, docs/api.md "Admission rules") in the same transaction, then
 * billing ({@link BalanceLedger}, docs/api.md "Balances and billing"); the refused are not stored, and each write
 * resolves with its messages' verdicts. A write's {@link AcceptHook} runs after the inserts.
 */
final class AcceptPhase implements BatchWriter.Processor<AcceptPhase.Accept> {
    static final String MESSAGE_COLUMNS =
        "m.msg_id, m.app_key, m.mobile, m.content, m.template_id, m.priority, m.callback_url, m.parts, m.accepted_at";
    private static final String INSERT_MESSAGE = "INSERT INTO message (msg_id, app_key, mobile, content, template_id,"
        + " priority, callback_url, parts, accepted_at, rule_kind, held_node, held_provider, held_expires_at)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_PENDING = "INSERT INTO pending_message (msg_id, node_id, taken, queue_rank,"
        + " due_at, expires_at, resend, provider, app_key) VALUES (?, ?, 0, ?, ?, ?, 0, ?, ?)";

    private static final String DELETE_PENDING = "DELETE FROM pending_message WHERE msg_id = ?";
    private static final String DELETE_HELD = "DELETE FROM held_message WHERE msg_id = ?";
    private static final String DELETE_MESSAGE = "DELETE FROM message WHERE msg_id = ?";

    private final int nodeId;
    private final SendLedger ledger;
    private final BalanceLedger balances;
    private final MessagesHeldInRows heldInRows;
    /** Held in their rows by the transaction being processed: held here once it commits. Writer thread only. */
    private final List<QueueEntry> holding = new ArrayList<>();

    /**
     * Accepted messages with their places in the queue, stored together; resolves with one verdict per message (0
     * stored, else a JSMS code). Entries without a template type skip the per-mobile rules.
     */
    static final class Accept extends Write<int[]> {
        final List<QueueEntry> entries;
        /** Run after the inserts, in the same transaction; null for none. */
        final AcceptHook hook;

        /** Carries a high-priority message (a verification code): stored ahead of queued campaign batches. */
        private final boolean urgent;

        Accept(List<QueueEntry> entries, AcceptHook hook) {
            this.entries = List.copyOf(entries);
            this.hook = hook;
            this.urgent = this.entries.stream().anyMatch(entry -> entry.priority() == MessagePriority.HIGH);
        }

        @Override
        public boolean urgent() {
            return urgent;
        }

        @Override
        public int weight() {
            return Math.max(1, entries.size());
        }
    }

    AcceptPhase(int nodeId, SendLedger ledger, BalanceLedger balances, MessagesHeldInRows heldInRows) {
        this.nodeId = nodeId;
        this.ledger = ledger;
        this.balances = balances;
        this.heldInRows = heldInRows;
    }

    @Override
    public void process(Connection connection, List<Accept> writes) throws SQLException {
        holding.clear();
        boolean counted = ledger.active();
        int[] verdicts = balances.charge(connection, writes, decide(connection, writes));
        int next = 0;
        List<int[]> byWrite = new ArrayList<>(writes.size());
        try (PreparedStatement messages = connection.prepareStatement(INSERT_MESSAGE);
             PreparedStatement pending = connection.prepareStatement(INSERT_PENDING);
             PreparedStatement held = connection.prepareStatement(HeldMessages.INSERT)) {
            boolean anyPending = false;
            boolean anyHeld = false;
            for (Accept write : writes) {
                int[] own = new int[write.entries.size()];
                for (int i = 0; i < own.length; i++) {
                    own[i] = write.entries.get(i).type() == null || verdicts == null ? 0 : verdicts[next++];
                }
                write.resolve(own);
                byWrite.add(own);
                for (int i = 0; i < own.length; i++) {
                    if (own[i] != 0) {
                        continue;
                    }
                    QueueEntry entry = write.entries.get(i);
                    bindMessage(messages, entry.message());
                    // what later groups count (SendLedger): only messages the rules decided
                    if (counted && entry.type() != null) {
                        messages.setInt(10, kind(entry.type()));
                    } else {
                        messages.setNull(10, Types.TINYINT);
                    }
                    boolean inRow = heldInRows.mayHold(entry);
                    bindHeldInRow(messages, inRow ? entry : null);
                    messages.addBatch();
                    if (inRow) {
                        holding.add(entry);
                    } else if (entry.inMemory()) {
                        bindQueueRow(held, entry);
                        held.addBatch();
                        anyHeld = true;
                    } else {
                        bindQueueRow(pending, entry);
                        pending.addBatch();
                        anyPending = true;
                    }
                }
            }
            messages.executeBatch();
            if (anyPending) {
                pending.executeBatch();
            }
            if (anyHeld) {
                held.executeBatch();
            }
        }
        runHooks(connection, writes, byWrite);
    }

    @Override
    public void committed() {
        heldInRows.add(holding);
        holding.clear();
    }

    /** The message row's place in the queue: {@code entry}'s, held by this node; none when null. */
    private void bindHeldInRow(PreparedStatement statement, QueueEntry entry) throws SQLException {
        if (entry == null) {
            statement.setNull(11, Types.SMALLINT);
            statement.setNull(12, Types.VARCHAR);
            statement.setNull(13, Types.BIGINT);
        } else {
            statement.setInt(11, nodeId);
            statement.setString(12, entry.provider());
            statement.setLong(13, entry.expiresAt());
        }
    }

    /** Each write's hook, after every insert; a hook that refuses removes its write's messages again. */
    private void runHooks(Connection connection, List<Accept> writes, List<int[]> verdicts)
            throws SQLException {
        for (int w = 0; w < writes.size(); w++) {
            Accept write = writes.get(w);
            if (write.hook == null) {
                continue;
            }
            int n = write.entries.size();
            int[] own = verdicts.get(w);
            long[] ids = new long[n];
            for (int i = 0; i < n; i++) {
                ids[i] = write.entries.get(i).message().msgId();
            }
            int refusal = write.hook.apply(connection, ids, own);
            if (refusal != 0) {
                remove(connection, ids, own);
                holding.removeAll(write.entries);
                int[] all = new int[n];
                Arrays.fill(all, refusal);
                write.resolve(all);
            }
        }
    }

    private static void remove(Connection connection, long[] ids, int[] verdicts) throws SQLException {
        try (PreparedStatement held = connection.prepareStatement(DELETE_HELD);
             PreparedStatement pending = connection.prepareStatement(DELETE_PENDING);
             PreparedStatement message = connection.prepareStatement(DELETE_MESSAGE)) {
            for (int i = 0; i < ids.length; i++) {
                if (verdicts[i] == 0) {
                    held.setLong(1, ids[i]);
                    held.addBatch();
                    pending.setLong(1, ids[i]);
                    pending.addBatch();
                    message.setLong(1, ids[i]);
                    message.addBatch();
                }
            }
            held.executeBatch();
            pending.executeBatch();
            message.executeBatch();
        }
    }

    /** The per-mobile verdicts of every message that came with its type, in order; null when there are none. */
    private int[] decide(Connection connection, List<Accept> writes) throws SQLException {
        if (!ledger.active()) {
            return null;
        }
        List<SendLedger.Candidate> candidates = new ArrayList<>();
        for (Accept write : writes) {
            for (QueueEntry entry : write.entries) {
                if (entry.type() != null) {
                    OutboundMessage m = entry.message();
                    candidates.add(new SendLedger.Candidate(m, kind(entry.type()), ContentHash.of(m.content())));
                }
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

    /** Binds a queue row: {@code pending_message}'s insert and {@link HeldMessages#INSERT} take the same values. */
    private void bindQueueRow(PreparedStatement statement, QueueEntry entry) throws SQLException {
        statement.setLong(1, entry.message().msgId());
        statement.setInt(2, nodeId);
        statement.setInt(3, entry.rank());
        statement.setLong(4, entry.dueAt());
        statement.setLong(5, entry.expiresAt());
        statement.setString(6, entry.provider());
        statement.setString(7, entry.message().appKey());
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
