package org.cmppgw.gateway.persistence.sql;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The H2 claim (two steps: candidates in index order, then locked by key) on a queue shaped like
 * {@code email_message}: a backlog of due rows behind an index on the claim's condition.
 */
class ClaimQueryTest {
    private static final int BACKLOG = 5_000;
    private static final long NOW = 1_000_000;

    /** Issue 11: the lock step walked the whole backlog through the condition's index (183 mails/s on H2). */
    @Test
    void theLockStepLooksTheCandidatesUpByKeyNotThroughTheBacklog() throws SQLException {
        try (Connection c = backlog("claim-plan")) {
            ClaimQuery claim = emailLike();
            String plan;
            try (PreparedStatement explain = c.prepareStatement("EXPLAIN " + claim.lockByKey(32))) {
                for (int i = 1; i <= 32; i++) {
                    explain.setLong(i, i);
                }
                explain.setLong(33, NOW);
                try (ResultSet row = explain.executeQuery()) {
                    row.next();
                    plan = row.getString(1);
                }
            }

            assertThat(plan).contains("PRIMARY_KEY").doesNotContain("q_due");
        }
    }

    @Test
    void aClaimReturnsTheOldestDueRowsInOrderAndSkipsOnesNoLongerDue() throws SQLException {
        try (Connection c = backlog("claim-rows")) {
            c.setAutoCommit(false);
            ClaimQuery claim = emailLike();
            List<Long> first = new ArrayList<>();
            // the oldest due row (id BACKLOG, due first) was sent meanwhile: a claim leaves it
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE q SET status = 1 WHERE id = " + BACKLOG);
            }

            claim.forEach(c, (statement, index) -> statement.setLong(index, NOW), 5, row -> first.add(row.getLong(1)));
            c.commit();

            // rows are due in the reverse of their ids (due_at = NOW - id)
            assertThat(first).containsExactly(BACKLOG - 1L, BACKLOG - 2L, BACKLOG - 3L, BACKLOG - 4L, BACKLOG - 5L);
        }
    }

    private static ClaimQuery emailLike() {
        return new ClaimQuery(Dialect.H2, "id, body", "q", "id", "status = 0 AND due_at <= ?", 1,
            "status, due_at, id");
    }

    private static Connection backlog(String name) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:h2:mem:" + name + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE");
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE q (id BIGINT NOT NULL, status TINYINT NOT NULL, due_at BIGINT NOT NULL,"
                + " body MEDIUMTEXT NULL, PRIMARY KEY (id))");
            s.execute("CREATE INDEX q_due ON q (status, due_at, id)");
            s.execute("INSERT INTO q SELECT \"X\", 0, " + NOW + " - \"X\", REPEAT('x', 1024)"
                + " FROM SYSTEM_RANGE(1, " + BACKLOG + ")");
            // the statistics H2 gathers by itself after enough changes (its ANALYZE_AUTO)
            s.execute("ANALYZE");
        }
        return c;
    }
}
