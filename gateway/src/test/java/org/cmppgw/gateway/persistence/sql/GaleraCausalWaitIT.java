package org.cmppgw.gateway.persistence.sql;

import org.cmppgw.gateway.persistence.LocalGaleraCluster;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a Galera node that has not applied a commit made through another node yet (as when the node a gateway wrote
 * through was killed just after committing), work run with {@link CausalWait} waits until the commit shows; without
 * it, the node answers from before the commit. The node is held back with {@code FLUSH TABLES WITH READ LOCK}, which
 * pauses its appliers while reads go on.
 */
final class GaleraCausalWaitIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String COUNT = "SELECT COUNT(*) FROM claimed WHERE id = 1";
    private LocalGaleraCluster cluster;
    private final ExecutorService reader = Executors.newSingleThreadExecutor();

    @BeforeEach
    void twoNodes() throws SQLException {
        cluster = LocalGaleraCluster.start(2);
        cluster.createDatabase("causal");
        try (Connection c = connect(1)) {
            execute(c, "CREATE TABLE claimed (id INT PRIMARY KEY) ENGINE=InnoDB");
        }
    }

    @AfterEach
    void stop() {
        reader.shutdownNow();
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aNodeBehindTheClusterAnswersOnlyOnceItAppliedWhatWasCommittedBefore() throws Exception {
        try (Connection holder = connect(2); Connection writer = connect(1); Connection plain = connect(2);
             Connection causal = connect(2)) {
            Await.until("the table on node 2", TIMEOUT, () -> tableShows(plain));
            execute(holder, "FLUSH TABLES WITH READ LOCK");
            execute(writer, "INSERT INTO claimed (id) VALUES (1)");
            assertThat(count(plain)).as("node 2 has not applied it yet").isZero();

            Future<Long> waited = reader.submit(() -> CausalWait.run(causal, GaleraCausalWaitIT::count));
            Await.until("the causal read to start on node 2", TIMEOUT,
                () -> waited.isDone() || running(holder, COUNT));
            assertThat(waited.isDone()).as("answered while node 2 was behind").isFalse();
            execute(holder, "UNLOCK TABLES");

            assertThat(waited.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1);
        }
    }

    private Connection connect(int node) throws SQLException {
        return DriverManager.getConnection(cluster.nodeUrl(node, "causal"), cluster.username(), cluster.password());
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet row = s.executeQuery(COUNT)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static boolean tableShows(Connection c) {
        try {
            count(c);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static boolean running(Connection c, String sql) {
        try (Statement s = c.createStatement(); ResultSet row = s.executeQuery(
                "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO = '" + sql + "'")) {
            row.next();
            return row.getLong(1) > 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
