package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.model.FinalReport;
import org.cmppgw.gateway.model.MoMessage;
import org.cmppgw.gateway.persistence.sql.ClaimQuery;
import org.cmppgw.gateway.persistence.sql.Dialect;
import org.cmppgw.gateway.persistence.sql.Rows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * {@code GET /v1/report} and {@code GET /v1/reply}: an app's final reports (MO messages) not pulled yet, oldest
 * first, marked pulled in the same transaction; rows another node is pulling are skipped on MariaDB.
 */
final class PullPhase {
    private static final String MARK_REPORT = "UPDATE message_final SET pulled = 1 WHERE msg_id = ?";
    private static final String MARK_REPLY = "UPDATE mo_message SET pulled = 1 WHERE mo_id = ?";

    private final ClaimQuery selectReports;
    private final ClaimQuery selectReplies;

    PullPhase(Dialect dialect) {
        this.selectReports = new ClaimQuery(dialect, Rows.REPORT_COLUMNS, "message_final", "msg_id",
            "app_key = ? AND pulled = 0", 1, "msg_id");
        this.selectReplies = new ClaimQuery(dialect, Rows.MO_COLUMNS, "mo_message", "mo_id",
            "app_key = ? AND pulled = 0", 1, "mo_id");
    }

    void pullReports(Connection connection, StatusWrite.PullReports write) throws SQLException {
        List<FinalReport> reports = new ArrayList<>();
        selectReports.forEach(connection, (statement, index) -> statement.setString(index, write.appKey), write.max,
            row -> reports.add(Rows.report(row)));
        markPulled(connection, MARK_REPORT, reports, FinalReport::msgId);
        write.resolve(reports);
    }

    void pullReplies(Connection connection, StatusWrite.PullReplies write) throws SQLException {
        List<MoMessage> replies = new ArrayList<>();
        selectReplies.forEach(connection, (statement, index) -> statement.setString(index, write.appKey), write.max,
            row -> replies.add(Rows.mo(row, 1)));
        markPulled(connection, MARK_REPLY, replies, MoMessage::moId);
        write.resolve(replies);
    }

    /** Flags the rows just read as pulled, by id, in one batch: the next pull does not return them again. */
    private static <T> void markPulled(Connection connection, String sql, List<T> rows, ToLongFunction<T> id)
        throws SQLException {
        try (PreparedStatement mark = connection.prepareStatement(sql)) {
            for (T row : rows) {
                mark.setLong(1, id.applyAsLong(row));
                mark.addBatch();
            }
            mark.executeBatch();
        }
    }
}
