package org.cmppgw.gateway.persistence.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs work whose statements wait, on a Galera node, until the node has applied every write set the cluster committed
 * before them (MariaDB's {@code wsrep_sync_wait}, for reads, updates, deletes and inserts). For what undoes or hands
 * back work whose commit answer was lost when its database node died: the commit may have happened, and the node that
 * answers now applies other nodes' write sets asynchronously, so without the wait the undo can run before the commit
 * shows there, find nothing to undo, and leave it done (docs/operations.md, "Galera"). On MariaDB without a cluster
 * ({@code wsrep_on} off) the setting does nothing; H2 has none. The session's own value is put back afterwards, so the
 * pooled connection keeps it.
 */
public final class CausalWait {
    /** Reads (1), updates and deletes (2), inserts and replaces (4). */
    private static final int READS_AND_WRITES = 7;

    private CausalWait() {
    }

    /** Runs {@code work} on {@code connection}, its statements waiting for the node to catch up when on Galera. */
    public static <T> T run(Connection connection, Transactions.Work<T> work) throws SQLException {
        if (Dialect.of(connection.getMetaData().getDatabaseProductName()) != Dialect.MARIADB) {
            return work.run(connection);
        }
        int previous;
        try (Statement statement = connection.createStatement()) {
            try (ResultSet row = statement.executeQuery("SELECT @@SESSION.wsrep_sync_wait")) {
                row.next();
                previous = row.getInt(1);
            }
            statement.execute("SET SESSION wsrep_sync_wait = " + READS_AND_WRITES);
        }
        T result;
        try {
            result = work.run(connection);
        } catch (SQLException | RuntimeException e) {
            try {
                restore(connection, previous);
            } catch (SQLException restoreFailure) {
                e.addSuppressed(restoreFailure);
            }
            throw e;
        }
        restore(connection, previous);
        return result;
    }

    private static void restore(Connection connection, int previous) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION wsrep_sync_wait = " + previous);
        }
    }
}
