package org.cmppgw.gateway.app;

import org.cmppgw.gateway.model.CallbackType;
import org.cmppgw.gateway.persistence.sql.HeldMessages;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What the gateway's database says about its messages, read over a connection of its own (the store's own API is
 * per message). A message is final when it has a {@code message_final} row; {@code pending_message},
 * {@code held_message} (V28) and the message rows a node holds them in (V33) hold those not yet (fully) submitted,
 * {@code callback_outbox} (V1__init.sql) and {@code held_callback} (V29) the callbacks still owed, with the report
 * callbacks held in {@code message_final} rows (V32).
 *
 * @param messages  accepted messages
 * @param finals    messages in a final state
 * @param failed    of them, FAILED
 * @param pending   messages without every SUBMIT_RESP recorded
 * @param outbox    callbacks not yet acknowledged (abandoned ones included)
 * @param abandoned callbacks given up on
 * @param parked    reports waiting for their SUBMIT_RESP
 * @param mo        MO messages stored
 * @param claimed   callbacks held by a node, or claimed by one and still under lease, at the time of reading
 */
record StoreCounts(long messages, long finals, long failed, long pending, long outbox, long abandoned, long parked,
                   long mo, long claimed) {
    /** Report callbacks held in final rows and not delivered yet (V32__report_callback_in_final.sql). */
    private static final String IN_FINALS = " + (SELECT COUNT(*) FROM message_final WHERE callback_node IS NOT NULL"
        + " AND callback_at = 0)";
    /** Messages a node holds in their rows and nowhere else (V33__held_in_message_row.sql). */
    private static final String HELD_IN_ROWS = "SELECT COUNT(*) FROM message m LEFT JOIN message_final f"
        + " ON f.msg_id = m.msg_id LEFT JOIN pending_message p ON p.msg_id = m.msg_id LEFT JOIN held_message h"
        + " ON h.msg_id = m.msg_id WHERE m.held_node IS NOT NULL AND p.msg_id IS NULL AND h.msg_id IS NULL AND "
        + HeldMessages.QUEUED;

    /** Everything accepted is final, nothing pending, every callback acknowledged. */
    boolean settled() {
        return messages > 0 && finals == messages && pending == 0 && outbox == 0 && parked == 0;
    }

    static StoreCounts read(String url, String user, String password) {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            return new StoreCounts(count(s, "SELECT COUNT(*) FROM message"),
                count(s, "SELECT COUNT(*) FROM message_final"),
                count(s, "SELECT COUNT(*) FROM message_final WHERE status = 3"),
                // one statement, one snapshot: a message moving between the tables (a dead node's held messages
                // put back in the queue) is counted once, never missed between two reads
                count(s, "SELECT (SELECT COUNT(*) FROM pending_message) + (SELECT COUNT(*) FROM held_message)"
                    + " + (" + HELD_IN_ROWS + ")"),
                count(s, "SELECT (SELECT COUNT(*) FROM callback_outbox) + (SELECT COUNT(*) FROM held_callback)"
                    + IN_FINALS),
                count(s, "SELECT COUNT(*) FROM callback_outbox WHERE due_at IS NULL"),
                count(s, "SELECT COUNT(*) FROM parked_report"),
                count(s, "SELECT COUNT(*) FROM mo_message"),
                count(s, "SELECT (SELECT COUNT(*) FROM callback_outbox WHERE claimed_by IS NOT NULL AND due_at > "
                    + System.currentTimeMillis() + ") + (SELECT COUNT(*) FROM held_callback)" + IN_FINALS));
        } catch (SQLException e) {
            throw new IllegalStateException("store counts - " + e, e);
        }
    }

    /** The msg_ids whose SMS_REPORT callback is still owed (its outbox row not yet acknowledged and deleted). */
    static List<String> owedReports(String url, String user, String password) {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ref_id FROM callback_outbox WHERE kind = "
                 + CallbackType.SMS_REPORT.code() + " UNION ALL SELECT ref_id FROM held_callback WHERE kind = "
                 + CallbackType.SMS_REPORT.code() + " UNION ALL SELECT msg_id FROM message_final"
                 + " WHERE callback_node IS NOT NULL AND callback_at = 0")) {
            List<String> msgIds = new ArrayList<>();
            while (rs.next()) {
                msgIds.add(Long.toUnsignedString(rs.getLong(1)));
            }
            return msgIds;
        } catch (SQLException e) {
            throw new IllegalStateException("owed reports - " + e, e);
        }
    }

    /**
     * When the first lease of the callbacks claimed at the time of reading ends (epoch millis), or
     * {@link Long#MAX_VALUE} if none is claimed.
     */
    static long firstLeaseEnd(String url, String user, String password) {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT MIN(due_at) FROM callback_outbox WHERE claimed_by IS NOT NULL"
                 + " AND due_at > " + System.currentTimeMillis())) {
            rs.next();
            long end = rs.getLong(1);
            return rs.wasNull() ? Long.MAX_VALUE : end;
        } catch (SQLException e) {
            throw new IllegalStateException("first lease end - " + e, e);
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
