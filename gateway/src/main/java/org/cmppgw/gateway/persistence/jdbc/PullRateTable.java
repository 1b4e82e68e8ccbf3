package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.model.CallbackType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The pull interval of every node in the {@code report_pull_rate} table (V14, docs/api.md "Pulls"): a pull is taken
 * by a conditional update of the app's row, or, for its first pull, an insert that a concurrent first pull on another
 * node makes a no-op. Both are single statements whose row lock serialises the nodes, so at most one pull per
 * interval is allowed in total; a refused pull writes nothing and so does not restart the interval. Cold path: the
 * store's read executor, blocking.
 */
final class PullRateTable {
    private static final String TAKE = "UPDATE report_pull_rate SET last_pull_at = ?"
        + " WHERE app_key = ? AND kind = ? AND last_pull_at <= ?";
    private static final String FIRST = "INSERT IGNORE INTO report_pull_rate (app_key, kind, last_pull_at)"
        + " VALUES (?, ?, ?)";

    private final DataSource dataSource;

    PullRateTable(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** True when {@code appKey}'s last taken pull of {@code type} is at least {@code intervalMillis} old (or none). */
    boolean take(String appKey, CallbackType type, long nowMillis, long intervalMillis) throws SQLException {
        int kind = kind(type);
        try (Connection connection = dataSource.getConnection()) {
            boolean taken;
            try (PreparedStatement update = connection.prepareStatement(TAKE)) {
                update.setLong(1, nowMillis);
                update.setString(2, appKey);
                update.setInt(3, kind);
                update.setLong(4, nowMillis - intervalMillis);
                taken = update.executeUpdate() == 1;
            }
            // each statement its own transaction: the insert then waits for nothing but a concurrent first insert
            commit(connection);
            if (!taken) {
                // no row yet, or a recent pull: only the insert of a first pull changes anything
                try (PreparedStatement insert = connection.prepareStatement(FIRST)) {
                    insert.setString(1, appKey);
                    insert.setInt(2, kind);
                    insert.setLong(3, nowMillis);
                    taken = insert.executeUpdate() == 1;
                }
                commit(connection);
            }
            return taken;
        }
    }

    private static void commit(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    private static int kind(CallbackType type) {
        return switch (type) {
            case SMS_REPORT -> 1;
            case SMS_REPLY -> 2;
            default -> throw new IllegalArgumentException("type: " + type + " (expected: SMS_REPORT or SMS_REPLY)");
        };
    }
}
