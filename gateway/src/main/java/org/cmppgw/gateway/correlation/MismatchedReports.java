package org.cmppgw.gateway.correlation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reports whose Msg_Id matched a submit but whose Dest_terminal_Id names another handset than that message's
 * ({@link Handsets}, docs/cmpp-protocol.md §10.2): not applied, kept in mismatched_report for the operator. Gathered by
 * the {@link Finalizer} while it decides a batch, written as one JDBC batch.
 */
final class MismatchedReports {
    private static final String INSERT = "INSERT INTO mismatched_report (provider, carrier_msg_id, stat, mobile,"
        + " msg_id, part_no, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)";

    private final List<PartEvent> reports = new ArrayList<>();

    void add(PartEvent report) {
        reports.add(report);
    }

    void write(Connection connection) throws SQLException {
        if (reports.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (PartEvent r : reports) {
                insert.setString(1, r.provider());
                insert.setLong(2, r.carrierMsgId());
                insert.setString(3, r.stat());
                insert.setString(4, r.reportedMobile());
                insert.setLong(5, r.msgId());
                insert.setInt(6, r.partNo());
                insert.setLong(7, r.atMillis());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
