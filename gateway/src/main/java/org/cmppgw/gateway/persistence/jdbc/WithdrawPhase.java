package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.correlation.PartEvent;
import org.cmppgw.gateway.model.WithdrawOutcome;
import org.cmppgw.gateway.persistence.Withdrawals;
import org.cmppgw.gateway.persistence.sql.Dialect;
import org.cmppgw.gateway.persistence.sql.HeldMessages;
import org.cmppgw.gateway.persistence.sql.MessagesHeldInRows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Withdraws inside the status lane's transaction (docs/api.md "Withdraw"). Each message row is locked first, on both
 * databases, so two withdraws of one message, on any nodes, run one after the other and the second sees the first's
 * final. H2 too: it has one status writer in production, but where two share a database (the withdraw tests), a
 * loser that met the winner only at the queue row's delete was seen to read no final after that delete found
 * nothing; waiting at the message row for the winner's whole transaction does not. Withdraws are rare, so the lock
 * costs the hot path nothing.
 *
 * <p>A message is withdrawn by deleting its queue row on the condition that no node has taken it ({@code taken = 0})
 * and it is no possible resend: a claim that got there first makes the delete find nothing, and a claim after it finds
 * no row. The withdrawn message then gets a whole-message FAILED
 * {@value #STAT} event, which the {@link Finalizer} makes final with its callback and {@link BalanceRefunds} refunds
 * (a {@code GW:} stat before the carrier), all in the same transaction. A message a node has claimed is withdrawn
 * only by that node, after it took the message out of its provider queue unsent ({@link StatusWrite.Withdraw#heldBy}):
 * then the condition is that this node holds it: in its message row ({@link MessagesHeldInRows}, taken at accept and
 * taken out of that set here), in {@code held_message} (taken at accept) or in {@code pending_message} (claimed).
 */
final class WithdrawPhase {
    /** The stat of a withdrawn message (docs/api.md "Statuses"). */
    static final String STAT = "GW:WITHDRAWN";
    private static final String DELETE_WAITING = "DELETE FROM pending_message WHERE msg_id = ? AND taken = 0"
        + " AND resend = 0";
    private static final String DELETE_CLAIMED = "DELETE FROM pending_message WHERE msg_id = ? AND taken = 1"
        + " AND node_id = ? AND resend = 0";
    /** A message handed to memory at accept (db/migration/V28__held_message.sql) is never a resend. */
    private static final String DELETE_HELD = "DELETE FROM held_message WHERE msg_id = ? AND node_id = ?";
    /** A node holds it in its message row (locked first), with no other place in the queue. */
    private static final String SELECT_IN_ROW = "SELECT m.held_node FROM message m"
        + " LEFT JOIN message_final f ON f.msg_id = m.msg_id LEFT JOIN pending_message p ON p.msg_id = m.msg_id"
        + " LEFT JOIN held_message h ON h.msg_id = m.msg_id WHERE m.msg_id = ? AND m.held_node IS NOT NULL AND "
        + HeldMessages.QUEUED;

    private final String selectMessage;
    private final String selectFinal;
    private final String selectPending;
    private final String selectHeld;
    private final MessagesHeldInRows heldInRows;
    private final int nodeId;

    /** {@code heldInRows}: the messages node {@code nodeId}, this one, holds in their rows. */
    WithdrawPhase(Dialect dialect, MessagesHeldInRows heldInRows, int nodeId) {
        this.heldInRows = heldInRows;
        this.nodeId = nodeId;
        this.selectMessage = "SELECT app_key, accepted_at FROM message WHERE msg_id = ? FOR UPDATE";
        // locking reads: they see what a withdraw that held the lock before committed, whatever the snapshot
        this.selectFinal = "SELECT stat FROM message_final WHERE msg_id = ?" + dialect.messageLock();
        this.selectPending = "SELECT taken FROM pending_message WHERE msg_id = ?" + dialect.messageLock();
        this.selectHeld = "SELECT node_id FROM held_message WHERE msg_id = ?" + dialect.messageLock();
    }

    /** Decides each withdraw and adds the final event of every withdrawn message to {@code finals}. */
    void apply(Connection connection, List<StatusWrite.Withdraw> withdraws, long nowMillis, List<PartEvent> finals)
            throws SQLException {
        List<StatusWrite.Withdraw> sorted = new ArrayList<>(withdraws);
        // message rows are locked in id order, as the Finalizer locks them, so two nodes never deadlock on them
        sorted.sort(Comparator.comparingLong(w -> w.msgId));
        // withdrawn in this batch, with their app: not final in the tables until the Finalizer runs
        Map<Long, String> withdrawn = new HashMap<>();
        try (PreparedStatement message = connection.prepareStatement(selectMessage);
             PreparedStatement finalRow = connection.prepareStatement(selectFinal);
             PreparedStatement pending = connection.prepareStatement(selectPending);
             PreparedStatement held = connection.prepareStatement(selectHeld);
             PreparedStatement inRow = connection.prepareStatement(SELECT_IN_ROW);
             PreparedStatement delete = connection.prepareStatement(DELETE_WAITING);
             PreparedStatement deleteClaimed = connection.prepareStatement(DELETE_CLAIMED);
             PreparedStatement deleteHeld = connection.prepareStatement(DELETE_HELD)) {
            Queries ofWaiting = new Queries(message, finalRow, pending, held, inRow, null, delete);
            Queries ofHeld = new Queries(message, finalRow, pending, held, inRow, deleteHeld, deleteClaimed);
            for (StatusWrite.Withdraw w : sorted) {
                WithdrawOutcome outcome;
                String by = withdrawn.get(w.msgId);
                if (by != null) {
                    outcome = by.equals(w.appKey) ? WithdrawOutcome.ALREADY_WITHDRAWN : WithdrawOutcome.UNKNOWN;
                } else {
                    outcome = decide(w, nowMillis, w.heldBy == StatusWrite.Withdraw.WAITING ? ofWaiting : ofHeld);
                }
                if (outcome == WithdrawOutcome.WITHDRAWN) {
                    withdrawn.put(w.msgId, w.appKey);
                    finals.add(new PartEvent(w.msgId, PartEvent.WHOLE_MESSAGE, false, STAT, "", 0, nowMillis, null));
                }
                w.resolve(outcome);
            }
        }
    }

    /**
     * The statements of one withdraw: {@code deleteHeld} takes a message out of {@code held_message} (null for a
     * withdraw of a waiting message, which is never there), {@code delete} out of {@code pending_message};
     * {@code inRow} finds a message a node holds in its row.
     */
    private record Queries(PreparedStatement message, PreparedStatement finalRow, PreparedStatement pending,
                           PreparedStatement held, PreparedStatement inRow, PreparedStatement deleteHeld,
                           PreparedStatement delete) {
    }

    private WithdrawOutcome decide(StatusWrite.Withdraw w, long nowMillis, Queries q) throws SQLException {
        q.message.setLong(1, w.msgId);
        try (ResultSet row = q.message.executeQuery()) {
            if (!row.next() || !row.getString(1).equals(w.appKey)) {
                return WithdrawOutcome.UNKNOWN;
            }
            if (row.getLong(2) < nowMillis - Withdrawals.MAX_AGE_MILLIS) {
                return WithdrawOutcome.TOO_OLD;
            }
        }
        WithdrawOutcome done = finalOutcome(w.msgId, q.finalRow);
        if (done != null) {
            return done;
        }
        if (w.heldBy == nodeId && heldInRows.take(w.msgId)) {
            return WithdrawOutcome.WITHDRAWN;
        }
        if (q.deleteHeld != null) {
            q.deleteHeld.setLong(1, w.msgId);
            q.deleteHeld.setInt(2, w.heldBy);
            if (q.deleteHeld.executeUpdate() == 1) {
                return WithdrawOutcome.WITHDRAWN;
            }
        }
        q.delete.setLong(1, w.msgId);
        if (w.heldBy != StatusWrite.Withdraw.WAITING) {
            q.delete.setInt(2, w.heldBy);
        }
        if (q.delete.executeUpdate() == 1) {
            return WithdrawOutcome.WITHDRAWN;
        }
        // held first, the order in which a node's restart or adoption moves a message from held to waiting
        if (exists(q.held, w.msgId) || exists(q.pending, w.msgId) || exists(q.inRow, w.msgId)) {
            // a node holds it (or may have sent part of it before a crash)
            return WithdrawOutcome.SENDING;
        }
        // Gone: every part was submitted, or (H2, whose Finalizer locks no message row) a final of another kind
        // committed since the first look.
        done = finalOutcome(w.msgId, q.finalRow);
        return done != null ? done : WithdrawOutcome.ALREADY_SENT;
    }

    private static boolean exists(PreparedStatement query, long msgId) throws SQLException {
        query.setLong(1, msgId);
        try (ResultSet row = query.executeQuery()) {
            return row.next();
        }
    }

    /** The answer for a message already final, or null when it is not. */
    private static WithdrawOutcome finalOutcome(long msgId, PreparedStatement finalRow) throws SQLException {
        finalRow.setLong(1, msgId);
        try (ResultSet row = finalRow.executeQuery()) {
            if (!row.next()) {
                return null;
            }
            return STAT.equals(row.getString(1)) ? WithdrawOutcome.ALREADY_WITHDRAWN : WithdrawOutcome.ALREADY_SENT;
        }
    }
}
