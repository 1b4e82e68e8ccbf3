package org.cmppgw.gateway.persistence.sql;

import org.cmppgw.gateway.persistence.StoreException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs a store component's JDBC work on the caller's thread, in one transaction each, rolled back on any failure. A
 * deadlock (MariaDB 1213, SQL state 40001) is retried a few times: InnoDB picks a victim when two transactions lock in
 * opposite orders, and on a Galera cluster a write conflict between database nodes surfaces only at commit, as that
 * error (docs/operations.md "Several nodes on one database"). Any other failure becomes a {@link StoreException}
 * naming the component and the work.
 */
public final class Transactions {
    private static final int DEADLOCK = 1213;
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final int ATTEMPTS = 3;

    /** One unit of work in a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final String subject;

    /** @param subject who works, the start of every error message, e.g. {@code catalog} */
    public Transactions(DataSource dataSource, String subject) {
        this.dataSource = dataSource;
        this.subject = subject;
    }

    /** Runs {@code work} in a transaction, again after a deadlock. */
    public <T> T run(String what, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(work);
            } catch (SQLException e) {
                if (attempt < ATTEMPTS && isDeadlock(e)) {
                    continue;
                }
                throw new StoreException(subject + " - " + what + " failed (" + e.getMessage() + ")", e);
            }
        }
    }

    private <T> T once(Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return commit(c, work);
        }
    }

    /**
     * Runs {@code work} on {@code connection} in one transaction: committed when it returns, rolled back when it
     * throws; the connection's auto-commit mode is restored either way. No retry.
     */
    public static <T> T commit(Connection connection, Work<T> work) throws SQLException {
        boolean auto = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(auto);
        }
    }

    /** Whether {@code e}, or a cause of it, is a deadlock the database resolved by rolling this transaction back. */
    public static boolean isDeadlock(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                && (sql.getErrorCode() == DEADLOCK || SERIALIZATION_FAILURE.equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** The key an insert generated. */
    public static long generatedKey(Statement statement) throws SQLException {
        try (ResultSet keys = statement.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("the insert returned no generated key");
            }
            return keys.getLong(1);
        }
    }
}
