package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.correlation.PartEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Refunds inside the status lane's transaction (docs/api.md "Balances and billing"): a message the gateway itself
 * failed before any part reached the carrier gets the parts it was charged back, once. Those are the whole-message
 * finals whose stat starts with {@value #GATEWAY_STAT_PREFIX}, except {@value #UNKNOWN_STAT} (a part may have been
 * sent: its outcome stayed unknown) and {@value #NO_REPORT_STAT} (every part was submitted, only the report never
 * came). A carrier's rejection ({@code SR:}) reached the carrier and is not refunded. The refund marks the message's
 * charge row refunded in the same statement that finds it ({@code refunded_at IS NULL}), so a retried or replayed
 * final, on any node or after a restart, refunds nothing more. Messages without a charge row (billing was off, or the
 * app unbilled) cost no statement beyond the lookup.
 */
final class BalanceRefunds {
    /** The prefix of the stats the gateway gives the messages it fails itself. */
    static final String GATEWAY_STAT_PREFIX = "GW:";
    /** A gateway stat after which a part may have reached the carrier: no refund. */
    static final String UNKNOWN_STAT = "GW:UNKNOWN";
    /** A gateway stat given after every part was submitted (docs/operations.md "History and expiry"): no refund. */
    static final String NO_REPORT_STAT = "GW:NOREPORT";
    private static final String FIND = "SELECT app_key, sms_type, parts FROM balance_charge WHERE msg_id = ?"
        + " AND refunded_at IS NULL";
    private static final String MARK = "UPDATE balance_charge SET refunded_at = ? WHERE msg_id = ?"
        + " AND refunded_at IS NULL";
    private static final String CREDIT = "UPDATE balance SET amount = amount + ? WHERE app_key = ? AND sms_type = ?";

    /** One app's balance of one type, ordered as {@link BalanceLedger} locks them. */
    private record Purse(String appKey, int type) implements Comparable<Purse> {
        @Override
        public int compareTo(Purse other) {
            int byApp = appKey.compareTo(other.appKey);
            return byApp != 0 ? byApp : Integer.compare(type, other.type);
        }
    }

    /** Whether a message failed with {@code stat} never reached the carrier. */
    static boolean refundable(String stat) {
        return stat.startsWith(GATEWAY_STAT_PREFIX) && !stat.equals(UNKNOWN_STAT) && !stat.equals(NO_REPORT_STAT);
    }

    /**
     * Refunds the messages among {@code finals} that never reached the carrier.
     *
     * @return how many were refunded now
     */
    int apply(Connection connection, List<PartEvent> finals, long nowMillis) throws SQLException {
        int refunded = 0;
        // credited after every charge is marked, in key order: the accept lanes lock balance rows in that order too,
        // so a refund of two apps never deadlocks with an accept of both
        Map<Purse, Long> credits = new TreeMap<>();
        PreparedStatement find = null;
        PreparedStatement mark = null;
        try {
            for (PartEvent event : finals) {
                if (event.delivered() || event.partNo() != PartEvent.WHOLE_MESSAGE || !refundable(event.stat())) {
                    continue;
                }
                if (find == null) {
                    find = connection.prepareStatement(FIND);
                    mark = connection.prepareStatement(MARK);
                }
                find.setLong(1, event.msgId());
                String appKey;
                int type;
                int parts;
                try (ResultSet row = find.executeQuery()) {
                    if (!row.next()) {
                        continue;
                    }
                    appKey = row.getString(1);
                    type = row.getInt(2);
                    parts = row.getInt(3);
                }
                mark.setLong(1, nowMillis);
                mark.setLong(2, event.msgId());
                if (mark.executeUpdate() != 1) {
                    continue;
                }
                credits.merge(new Purse(appKey, type), (long) parts, Long::sum);
                refunded++;
            }
        } finally {
            close(find);
            close(mark);
        }
        if (!credits.isEmpty()) {
            credit(connection, credits);
        }
        return refunded;
    }

    private static void credit(Connection connection, Map<Purse, Long> credits) throws SQLException {
        try (PreparedStatement credit = connection.prepareStatement(CREDIT)) {
            for (Map.Entry<Purse, Long> e : credits.entrySet()) {
                credit.setLong(1, e.getValue());
                credit.setString(2, e.getKey().appKey());
                credit.setInt(3, e.getKey().type());
                credit.executeUpdate();
            }
        }
    }

    private static void close(PreparedStatement statement) throws SQLException {
        if (statement != null) {
            statement.close();
        }
    }
}
