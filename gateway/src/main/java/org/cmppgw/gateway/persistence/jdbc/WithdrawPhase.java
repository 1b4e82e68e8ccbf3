package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.correlation.PartEvent;
import org.cmppgw.gateway.model.WithdrawOutcome;
import org.cmppgw.gateway.persistence.Withdrawals;
import org.cmppgw.gateway.persistence.sql.Dialect;

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
 * costs the hot path nothing. A message is withdrawn by deleting its queue row on the condition
 * that no node has taken it ({@code taken = 0}) and it is no possible resend: a claim that got there first makes the
 * delete find nothing, and a claim after it finds no row. The withdrawn message then gets a whole-message FAILED
 * {@value #STAT} event, which the {@link Finalizer} makes final with its callback and {@link BalanceRefunds} refunds
 * (a {@code GW:} stat before the carrier), all in the same transaction. A message a node has claimed is withdrawn
 * only by that node, after it took the message out of its provider queue unsent ({@link StatusWrite.Withdraw#heldBy}):
 * then the delete's condition is that this node holds it.
 */
final class WithdrawPhase {
    /** The stat of a withdrawn message (docs/api.md "Statuses"). */
    static final String STAT = "GW:WITHDRAWN";
    private static final String DELETE_WAITING = "DELETE FROM pending_message WHERE msg_id = ? AND taken = 0"
        + " AND resend = 0";
    private static final String DELETE_HELD = "DELETE FROM pending_message WHERE msg_id = ? AND taken = 1"
        + " AND node_id = ? AND resend = 0";

    private final String selectMessage;
    private final String selectFinal;
    private final String selectPending;

    WithdrawPhase(Dialect dialect) {
        this.selectMessage = "SELECT app_key, accepted_at FROM message WHERE msg_id = ? FOR UPDATE";
        // locking reads: they see what a withdraw that held the lock before committed, whatever the snapshot
        this.selectFinal = "SELECT stat FROM message_final WHERE msg_id = ?" + dialect.messageLock();
        this.selectPending = "SELECT taken FROM pending_message WHERE msg_id = ?" + dialect.messageLock();
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
             PreparedStatement delete = connection.prepareStatement(DELETE_WAITING);
             PreparedStatement deleteHeld = connection.prepareStatement(DELETE_HELD)) {
            for (StatusWrite.Withdraw w : sorted) {
                WithdrawOutcome outcome;
                String by = withdrawn.get(w.msgId);
                if (by != null) {
                    outcome = by.equals(w.appKey) ? WithdrawOutcome.ALREADY_WITHDRAWN : WithdrawOutcome.UNKNOWN;
                } else {
                    PreparedStatement condition = w.heldBy == StatusWrite.Withdraw.WAITING ? delete : deleteHeld;
                    outcome = decide(w, nowMillis, message, finalRow, pending, condition);
                }
                if (outcome == WithdrawOutcome.WITHDRAWN) {
                    withdrawn.put(w.msgId, w.appKey);
                    finals.add(new PartEvent(w.msgId, PartEvent.WHOLE_MESSAGE, false, STAT, "", 0, nowMillis, null));
                }
                w.resolve(outcome);
            }
        }
    }

    private static WithdrawOutcome decide(StatusWrite.Withdraw w, long nowMillis, PreparedStatement message,
                                          PreparedStatement finalRow, PreparedStatement pending,
                                          PreparedStatement delete) throws SQLException {
        message.setLong(1, w.msgId);
        try (ResultSet row = message.executeQuery()) {
            if (!row.next() || !row.getString(1).equals(w.appKey)) {
                return WithdrawOutcome.UNKNOWN;
            }
            if (row.getLong(2) < nowMillis - Withdrawals.MAX_AGE_MILLIS) {
                return WithdrawOutcome.TOO_OLD;
            }
        }
        WithdrawOutcome done = finalOutcome(w.msgId, finalRow);
        if (done != null) {
            return done;
        }
        delete.setLong(1, w.msgId);
        if (w.heldBy != StatusWrite.Withdraw.WAITING) {
            delete.setInt(2, w.heldBy);
        }
        if (delete.executeUpdate() == 1) {
            return WithdrawOutcome.WITHDRAWN;
        }
        pending.setLong(1, w.msgId);
        try (ResultSet row = pending.executeQuery()) {
            if (row.next()) {
                // a node holds it (or may have sent part of it before a crash)
                return WithdrawOutcome.SENDING;
            }
        }
        // Gone: every part was submitted, or (H2, whose Finalizer locks no message row) a final of another kind
        // committed since the first look.
        done = finalOutcome(w.msgId, finalRow);
        return done != null ? done : WithdrawOutcome.ALREADY_SENT;
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
