package org.cmppgw.gateway.persistence.sql;

import org.cmppgw.gateway.persistence.MariaDbTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The undo of work whose commit answer was lost runs with MariaDB's causal wait on, and the pooled connection gets its
 * own setting back. (Without a cluster the setting does nothing; the wait itself is Galera's.)
 */
@ExtendWith(MariaDbTestServer.class)
final class MariaDbCausalWaitIT {
    @Test
    void theWorkRunsWithTheWaitForReadsAndWritesAndTheSessionGetsItsOwnSettingBack() throws SQLException {
        try (Connection c = connect()) {
            set(c, 1);
            int during = CausalWait.run(c, MariaDbCausalWaitIT::syncWait);
            assertThat(during).isEqualTo(7);
            assertThat(syncWait(c)).isEqualTo(1);
        }
    }

    @Test
    void aFailedWorkStillPutsTheSettingBack() throws SQLException {
        try (Connection c = connect()) {
            assertThatThrownBy(() -> CausalWait.run(c, connection -> {
                throw new SQLException("the undo failed");
            })).hasMessage("the undo failed");
            assertThat(syncWait(c)).isZero();
        }
    }

    private static Connection connect() throws SQLException {
        MariaDbTestServer.Database db = MariaDbTestServer.createDatabase();
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
    }

    private static void set(Connection c, int value) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION wsrep_sync_wait = " + value);
        }
    }

    static int syncWait(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet row = s.executeQuery("SELECT @@SESSION.wsrep_sync_wait")) {
            row.next();
            return row.getInt(1);
        }
    }
}
