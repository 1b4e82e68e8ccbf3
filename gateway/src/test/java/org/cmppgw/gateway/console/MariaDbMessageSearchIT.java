package org.cmppgw.gateway.console;

import org.cmppgw.gateway.persistence.MariaDbTestServer;
import org.cmppgw.gateway.persistence.jdbc.DataSourceSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's message search on a real MariaDB, and the V17 indexes its searches walk. */
@ExtendWith(MariaDbTestServer.class)
final class MariaDbMessageSearchIT extends MessageSearchContract {
    @Override
    DataSourceSettings newDatabase() {
        MariaDbTestServer.Database db = MariaDbTestServer.createDatabase();
        return DataSourceSettings.of(db.jdbcUrl(), db.username(), db.password());
    }

    @Test
    void searchesByMobileAndByAppWalkTheirIndexes() throws SQLException {
        assertThat(plan("m.mobile = '13800138000'")).contains("message_mobile");
        assertThat(plan("m.app_key = 'a'")).contains("message_app");
    }

    private String plan(String where) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("EXPLAIN SELECT m.msg_id FROM message m"
                 + " LEFT JOIN message_final f ON f.msg_id = m.msg_id"
                 + " LEFT JOIN pending_message p ON p.msg_id = m.msg_id"
                 + " LEFT JOIN held_message h ON h.msg_id = m.msg_id WHERE " + where
                 + " ORDER BY m.msg_id DESC LIMIT 51")) {
            StringBuilder plan = new StringBuilder();
            while (rows.next()) {
                plan.append(rows.getString("table")).append(':').append(rows.getString("key")).append(' ');
            }
            return plan.toString();
        }
    }
}
