package org.cmppgw.gateway.correlation;

import com.zaxxer.hikari.HikariDataSource;
import org.cmppgw.gateway.persistence.MariaDbTestServer;
import org.cmppgw.gateway.persistence.jdbc.DataSourceSettings;
import org.cmppgw.gateway.persistence.jdbc.DataSources;
import org.cmppgw.gateway.persistence.sql.Dialect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report lookup on a real MariaDB: planned from index statistics ({@link Dialect#planFromStatistics()}), it still
 * reads carrier_submit by its carrier index, for short and long IN lists.
 */
@ExtendWith(MariaDbTestServer.class)
final class MariaDbReportLookupIT {
    private HikariDataSource dataSource;

    @BeforeEach
    void open() throws SQLException {
        MariaDbTestServer.Database db = MariaDbTestServer.createDatabase();
        dataSource = DataSources.open(DataSourceSettings.of(db.jdbcUrl(), db.username(), db.password()));
        DataSources.migrate(dataSource);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO carrier_submit (provider, carrier_msg_id, msg_id, part_no, part_count, result,"
                + " submitted_at) SELECT 'cmcc-1', seq * 2, seq, 1, 1, 0, 0 FROM seq_1_to_20000");
            s.execute("ANALYZE TABLE carrier_submit");
        }
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Test
    void theLookupReadsTheCarrierIndexWhateverTheListLength() throws SQLException {
        for (int n : new int[] {1, 8, 128, 512}) {
            // one value is a "ref" lookup, several a "range" of them: both walk the index, neither scans the table
            assertThat(plan(n)).as("IN list of %d", n)
                .isIn("ref carrier_submit_carrier", "range carrier_submit_carrier");
        }
    }

    @Test
    void theLookupFindsTheSubmitsOfItsMsgIds() throws SQLException {
        String sql = new ReportPhase(Dialect.MARIADB).findSubmitsSql(4);
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql)) {
            long[] ids = {2, 40, 39_998, 40_002};
            for (int i = 0; i < ids.length; i++) {
                select.setLong(i + 1, ids[i]);
            }
            StringBuilder found = new StringBuilder();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.append(rows.getLong("msg_id")).append(' ');
                }
            }
            assertThat(found.toString()).isEqualTo("1 20 19999 ");
        }
    }

    /** "type key" of the lookup's plan with {@code n} listed Msg_Ids, explained with the statement's own setting. */
    private String plan(int n) throws SQLException {
        String sql = new ReportPhase(Dialect.MARIADB).findSubmitsSql(n);
        String prefix = Dialect.MARIADB.planFromStatistics();
        assertThat(sql).startsWith(prefix);
        try (Connection c = dataSource.getConnection();
             PreparedStatement explain = c.prepareStatement(prefix + "EXPLAIN " + sql.substring(prefix.length()))) {
            for (int i = 1; i <= Math.max(1, Integer.highestOneBit(n)); i++) {
                explain.setLong(i, i * 2L);
            }
            try (ResultSet plan = explain.executeQuery()) {
                assertThat(plan.next()).isTrue();
                return plan.getString("type") + " " + plan.getString("key");
            }
        }
    }
}
