package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.model.FinalReport;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.model.MoMessage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /v1/report} and {@code GET /v1/reply}: an app's final reports (MO messages) not pulled yet, oldest
 * first, marked pulled in the same transaction; rows another node is pulling are skipped on MariaDB.
 */
final class PullPhase {
    static final String REPORT_COLUMNS = "msg_id, mobile, status, stat, final_at";
    private static final String MARK_REPORT = "UPDATE message_final SET pulled = 1 WHERE msg_id = ?";
    private static final String MARK_REPLY = "UPDATE mo_message SET pulled = 1 WHERE mo_id = ?";

    private final ClaimQuery selectReports;
    private final ClaimQuery selectReplies;

    PullPhase(Dialect dialect) {
        this.selectReports = new ClaimQuery(dialect, REPORT_COLUMNS, "message_final", "msg_id",
            "app_key = ? AND pulled = 0", 1, "msg_id");
        this.selectReplies = new ClaimQuery(dialect, MoPhase.MO_COLUMNS, "mo_message", "mo_id",
            "app_key = ? AND pulled = 0", 1, "mo_id");
    }

    void pullReports(Connection connection, StoreWrites.PullReports write) throws SQLException {
        List<FinalReport> reports = new ArrayList<>();
        selectReports.forEach(connection, (statement, index) -> statement.setString(index, write.appKey), write.max,
            row -> reports.add(readReport(row)));
        try (PreparedStatement mark = connection.prepareStatement(MARK_REPORT)) {
            for (FinalReport r : reports) {
                mark.setLong(1, r.msgId());
                mark.addBatch();
            }
            mark.executeBatch();
        }
        write.resolve(reports);
    }

    void pullReplies(Connection connection, StoreWrites.PullReplies write) throws SQLException {
        List<MoMessage> replies = new ArrayList<>();
        selectReplies.forEach(connection, (statement, index) -> statement.setString(index, write.appKey), write.max,
            row -> replies.add(MoPhase.read(row, 1)));
        try (PreparedStatement mark = connection.prepareStatement(MARK_REPLY)) {
            for (MoMessage mo : replies) {
                mark.setLong(1, mo.moId());
                mark.addBatch();
            }
            mark.executeBatch();
        }
        write.resolve(replies);
    }

    /** Reads a report selected with {@link #REPORT_COLUMNS}. */
    static FinalReport readReport(ResultSet row) throws SQLException {
        return new FinalReport(row.getLong(1), row.getString(2), MessageStatus.of(row.getInt(3)), row.getString(4),
            Instant.ofEpochMilli(row.getLong(5)));
    }
}
