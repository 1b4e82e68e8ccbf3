package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.model.SmsType;
import org.cmppgw.gateway.persistence.BillingRules;
import org.cmppgw.gateway.persistence.QueueEntry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Billing inside the accept transaction (docs/api.md "Balances and billing"): each accepted message of a billed app
 * costs its parts from the app's balance of its SMS type. For one group commit, every app and type in it is read with
 * a row lock ({@code SELECT ... FOR UPDATE}, in key order so two nodes never deadlock on each other), the messages are
 * paid in request order while the balance lasts, and the rest are refused with 50014. One conditional UPDATE per app
 * and type ({@code amount >= spent}, so a balance never goes negative even if the lock were missing) and one batch of
 * charge rows (what a refund gives back) follow. Messages the admission rules already refused are not billed; a
 * message refused here is not stored, so it never counts as sent afterwards (within its own group commit the rules
 * already counted it for the recipients after it: at worst one more 50009 in that group).
 * Locks are taken after {@link SendLedger}'s, in the same order on every node; operators' operations
 * ({@link JdbcBalances}) lock the account's row before an app's, refunds ({@link BalanceRefunds}) app rows in this
 * order.
 *
 * <p>A spend that takes a balance from at or above its alert threshold to below it, while no alert is pending for
 * it, marks the balance alerted and queues one {@code balance_alert} row in the same transaction: exactly one
 * transaction sees each crossing, whichever node it runs on.
 */
final class BalanceLedger {
    private static final String LOCK = "SELECT amount, alerted FROM balance WHERE app_key = ? AND sms_type = ?"
        + " FOR UPDATE";
    private static final String SPEND = "UPDATE balance SET amount = amount - ?, alerted = ? WHERE app_key = ?"
        + " AND sms_type = ? AND amount >= ?";
    private static final String CHARGE = "INSERT INTO balance_charge (msg_id, app_key, sms_type, parts)"
        + " VALUES (?, ?, ?, ?)";
    private static final String ALERT = "INSERT INTO balance_alert (app_key, sms_type, amount, threshold, created_at)"
        + " VALUES (?, ?, ?, ?, ?)";
    /** JSMS "no money": the recipient's balance cannot pay for it (docs/api.md "Errors"). */
    static final int NO_MONEY = 50014;

    private final BillingRules rules;

    /** One app's balance of one type while a group is paid from it. */
    private static final class Purse {
        long before;
        long left;
        boolean alerted;
    }

    private record Key(String appKey, SmsType type) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int byApp = appKey.compareTo(other.appKey);
            return byApp != 0 ? byApp : Integer.compare(type.code(), other.type.code());
        }
    }

    BalanceLedger(BillingRules rules) {
        this.rules = rules;
    }

    /**
     * Bills every message that came with its template type, after the admission rules.
     *
     * @param verdicts the admission rules' verdicts, one per typed message in order, or null when none were decided
     * @return the verdicts with 50014 for each message its balance could not pay (the same array, or a new one when
     *     {@code verdicts} was null and something is billed)
     */
    int[] charge(Connection connection, List<AcceptPhase.Accept> writes, int[] verdicts) throws SQLException {
        if (!rules.enabled()) {
            return verdicts;
        }
        int typed = 0;
        for (AcceptPhase.Accept write : writes) {
            for (QueueEntry entry : write.entries) {
                typed += entry.type() == null ? 0 : 1;
            }
        }
        List<OutboundMessage> billed = new ArrayList<>();
        List<Key> keys = new ArrayList<>();
        int[] slots = new int[typed];
        long nowMillis = 0;
        int slot = 0;
        for (AcceptPhase.Accept write : writes) {
            for (QueueEntry entry : write.entries) {
                if (entry.type() == null) {
                    continue;
                }
                OutboundMessage m = entry.message();
                if ((verdicts == null || verdicts[slot] == 0) && rules.bills(m.appKey())) {
                    slots[billed.size()] = slot;
                    billed.add(m);
                    keys.add(new Key(m.appKey(), SmsType.of(entry.type())));
                    nowMillis = Math.max(nowMillis, m.acceptedAt().toEpochMilli());
                }
                slot++;
            }
        }
        if (billed.isEmpty()) {
            return verdicts;
        }
        int[] out = verdicts != null ? verdicts : new int[slot];
        Map<Key, Purse> purses = lock(connection, keys);
        try (PreparedStatement charge = connection.prepareStatement(CHARGE)) {
            for (int i = 0; i < billed.size(); i++) {
                OutboundMessage m = billed.get(i);
                Purse purse = purses.get(keys.get(i));
                if (purse.left < m.parts()) {
                    out[slots[i]] = NO_MONEY;
                    continue;
                }
                purse.left -= m.parts();
                charge.setLong(1, m.msgId());
                charge.setString(2, m.appKey());
                charge.setInt(3, keys.get(i).type().code());
                charge.setInt(4, m.parts());
                charge.addBatch();
            }
            charge.executeBatch();
        }
        spend(connection, purses, nowMillis);
        return out;
    }

    private static Map<Key, Purse> lock(Connection connection, List<Key> keys) throws SQLException {
        Map<Key, Purse> purses = new TreeMap<>();
        for (Key key : keys) {
            purses.putIfAbsent(key, new Purse());
        }
        try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
            for (Map.Entry<Key, Purse> e : purses.entrySet()) {
                lock.setString(1, e.getKey().appKey());
                lock.setInt(2, e.getKey().type().code());
                try (ResultSet row = lock.executeQuery()) {
                    Purse purse = e.getValue();
                    if (row.next()) {
                        purse.before = row.getLong(1);
                        purse.alerted = row.getInt(2) != 0;
                    }
                    purse.left = purse.before;
                }
            }
        }
        return purses;
    }

    private void spend(Connection connection, Map<Key, Purse> purses, long nowMillis) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(SPEND);
             PreparedStatement alert = connection.prepareStatement(ALERT)) {
            boolean alerts = false;
            for (Map.Entry<Key, Purse> e : purses.entrySet()) {
                Purse purse = e.getValue();
                long amount = purse.before - purse.left;
                if (amount == 0) {
                    continue;
                }
                Key key = e.getKey();
                long threshold = rules.threshold(key.appKey(), key.type());
                boolean crossed = !purse.alerted && purse.before >= threshold && purse.left < threshold;
                update.setLong(1, amount);
                update.setInt(2, purse.alerted || crossed ? 1 : 0);
                update.setString(3, key.appKey());
                update.setInt(4, key.type().code());
                update.setLong(5, amount);
                // one statement per app and type (a group has few), so its row count is exact: bulk batches may
                // answer SUCCESS_NO_INFO
                if (update.executeUpdate() != 1) {
                    // under the row lock this cannot happen: roll the whole group back rather than overspend
                    throw new SQLException("billing - balance changed under its lock (app=" + key.appKey()
                        + ", type=" + key.type().label() + ")");
                }
                if (crossed) {
                    alert.setString(1, key.appKey());
                    alert.setInt(2, key.type().code());
                    alert.setLong(3, purse.left);
                    alert.setLong(4, threshold);
                    alert.setLong(5, nowMillis);
                    alert.addBatch();
                    alerts = true;
                }
            }
            if (alerts) {
                alert.executeBatch();
            }
        }
    }
}
