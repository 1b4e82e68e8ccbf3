package org.cmppgw.gateway.persistence.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Migration V30 on a store that already has data: the admission ledger's rows become their messages'
 * {@code rule_kind}, so the messages counted before the upgrade still count after it, and {@code send_ledger} goes.
 */
abstract class LedgerMigrationContract {
    private static final String INSERT_MESSAGE = "INSERT INTO message (msg_id, app_key, mobile, content, template_id,"
        + " priority, callback_url, parts, accepted_at) VALUES (?, 'app', '13800138000', 'hello', 7, 5, NULL, 1, ?)";
    private static final String INSERT_LEDGER = "INSERT INTO send_ledger (msg_id, app_key, mobile_key, kind,"
        + " content_hash, sent_at) VALUES (?, 'app', 13800138000, ?, 0, ?)";

    /** A new, empty database (no schema). */
    abstract DataSourceSettings newDatabase() throws Exception;

    @Test
    void theLedgersRowsBecomeTheirMessagesKindsAndTheTableGoes() throws Exception {
        try (HikariDataSource dataSource = new HikariDataSource(DataSources.hikariConfig(newDatabase()))) {
            DataSources.migrate(dataSource, MigrationVersion.fromVersion("29"));
            try (Connection c = dataSource.getConnection();
                 PreparedStatement message = c.prepareStatement(INSERT_MESSAGE);
                 PreparedStatement ledger = c.prepareStatement(INSERT_LEDGER)) {
                for (long id = 1; id <= 3; id++) {
                    message.setLong(1, id);
                    message.setLong(2, 1_000 + id);
                    message.executeUpdate();
                }
                // a marketing message and a code counted by the rules, the third accepted without a type; a fourth
                // row whose message an accept hook removed again
                long[][] rows = {{1, 3}, {2, 1}, {4, 2}};
                for (long[] row : rows) {
                    ledger.setLong(1, row[0]);
                    ledger.setInt(2, (int) row[1]);
                    ledger.setLong(3, 1_000 + row[0]);
                    ledger.executeUpdate();
                }
                commit(c);
            }

            DataSources.migrate(dataSource);

            try (Connection c = dataSource.getConnection();
                 Statement statement = c.createStatement()) {
                try (ResultSet rows = statement.executeQuery("SELECT msg_id, rule_kind FROM message ORDER BY msg_id")) {
                    StringBuilder kinds = new StringBuilder();
                    while (rows.next()) {
                        long msgId = rows.getLong(1);
                        int kind = rows.getInt(2);
                        kinds.append(msgId).append('=').append(rows.wasNull() ? "null" : kind).append(' ');
                    }
                    assertThat(kinds.toString()).isEqualTo("1=3 2=1 3=null ");
                }
                assertThatThrownBy(() -> statement.executeQuery("SELECT COUNT(*) FROM send_ledger"))
                    .isInstanceOf(SQLException.class);
            }
        }
    }

    private static void commit(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }
}
