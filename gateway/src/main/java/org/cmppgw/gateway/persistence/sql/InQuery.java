package org.cmppgw.gateway.persistence.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A query with one {@code IN (?, ...)} list of longs (or strings), run in chunks. Each chunk is padded (with its last
 * value) to a power of two, so only a handful of distinct statements exist per query and the database's statement cache
 * keeps them parsed. One query per chunk instead of one per value is what keeps batched lookups cheap. Chunks are up to
 * 512 values on MariaDB (which binary-searches a sorted IN list) but 64 on H2, which compares every row it finds with
 * every value of a parameterised IN list: 512-value lists made a 500-key lookup several times slower.
 */
public final class InQuery {
    private final int maxChunk;

    /** Binds the parameters before or after the IN list, starting at {@code index}. */
    @FunctionalInterface
    public interface Binder {
        Binder NONE = (statement, index) -> {
        };

        void bind(PreparedStatement statement, int index) throws SQLException;
    }

    /** Reads one row. */
    @FunctionalInterface
    public interface RowHandler {
        void row(ResultSet row) throws SQLException;
    }

    /** Binds the list's value at {@code position} as parameter {@code index}. */
    @FunctionalInterface
    private interface ListValues {
        void bind(PreparedStatement statement, int index, int position) throws SQLException;

        static ListValues of(long[] values) {
            return (statement, index, position) -> statement.setLong(index, values[position]);
        }

        static ListValues of(String[] values) {
            return (statement, index, position) -> statement.setString(index, values[position]);
        }
    }

    private final String[] sqlBySize;
    private final int headParameters;

    /** {@code head} ends with "IN (", {@code tail} starts with ")". */
    public InQuery(Dialect dialect, String head, String tail) {
        this(dialect, head, 0, tail);
    }

    /**
     * {@code head} ends with "IN (" and has {@code headParameters} parameters before the list (an UPDATE's SET
     * values), bound by {@link #update(Connection, long[], int, Binder)}; {@code tail} starts with ")".
     */
    public InQuery(Dialect dialect, String head, int headParameters, String tail) {
        this.headParameters = headParameters;
        this.maxChunk = dialect.inListChunk();
        this.sqlBySize = new String[Integer.numberOfTrailingZeros(maxChunk) + 1];
        for (int k = 0; k < sqlBySize.length; k++) {
            int n = 1 << k;
            StringBuilder sb = new StringBuilder(head.length() + tail.length() + 3 * n);
            sb.append(head);
            for (int i = 0; i < n; i++) {
                sb.append(i == 0 ? "?" : ", ?");
            }
            sqlBySize[k] = sb.append(tail).toString();
        }
    }

    /** Runs the query for {@code values[0..count)} and hands every row to {@code handler}. */
    public void forEach(Connection connection, long[] values, int count, Binder tail, RowHandler handler)
            throws SQLException {
        forEach(connection, ListValues.of(values), count, tail, handler);
    }

    /** As {@link #forEach(Connection, long[], int, Binder, RowHandler)}, for a list of strings. */
    public void forEach(Connection connection, String[] values, int count, Binder tail, RowHandler handler)
            throws SQLException {
        forEach(connection, ListValues.of(values), count, tail, handler);
    }

    private void forEach(Connection connection, ListValues values, int count, Binder tail, RowHandler handler)
            throws SQLException {
        for (int from = 0; from < count; from += maxChunk) {
            int n = Math.min(maxChunk, count - from);
            try (PreparedStatement statement = prepare(connection, values, from, n)) {
                tail.bind(statement, headParameters + paddedSize(n) + 1);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        handler.row(rows);
                    }
                }
            }
        }
    }

    public void forEach(Connection connection, long[] values, int count, RowHandler handler) throws SQLException {
        forEach(connection, values, count, Binder.NONE, handler);
    }

    /**
     * Runs a statement that changes rows (an {@code UPDATE} or {@code DELETE}) for {@code values[0..count)}, one
     * statement per chunk. A batch of one statement per value reaches the server as that many executions, each with
     * its own table open, lock and log work: on MariaDB that was two DELETEs per message at 5,000 msg/s. Padding
     * repeats the chunk's last value, which changes nothing twice.
     *
     * @return the rows changed
     */
    public int update(Connection connection, long[] values, int count) throws SQLException {
        return update(connection, values, count, Binder.NONE);
    }

    /**
     * {@link #update(Connection, long[], int)} for a statement with parameters before the IN list, which
     * {@code head} binds from index 1.
     */
    public int update(Connection connection, long[] values, int count, Binder head) throws SQLException {
        ListValues list = ListValues.of(values);
        int changed = 0;
        for (int from = 0; from < count; from += maxChunk) {
            int n = Math.min(maxChunk, count - from);
            try (PreparedStatement statement = prepare(connection, list, from, n)) {
                head.bind(statement, 1);
                changed += statement.executeUpdate();
            }
        }
        return changed;
    }

    /** The statement for {@code values[from..from+n)}, padded to the next power of two with the last value. */
    private PreparedStatement prepare(Connection connection, ListValues values, int from, int n)
            throws SQLException {
        int size = paddedSize(n);
        PreparedStatement statement = connection.prepareStatement(sqlBySize[Integer.numberOfTrailingZeros(size)]);
        try {
            for (int i = 0; i < size; i++) {
                values.bind(statement, headParameters + i + 1, from + Math.min(i, n - 1));
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }

    /** The statement run for a chunk of {@code n} values (tests look at its plan). */
    public String sql(int n) {
        return sqlBySize[Integer.numberOfTrailingZeros(paddedSize(Math.min(n, maxChunk)))];
    }

    /**
     * The length, a power of two, that an IN list of {@code n} values (n >= 1) is padded to by repeating its last
     * value: only a handful of statement texts exist, and each stays prepared (parsed, on MariaDB server-side).
     */
    public static int paddedSize(int n) {
        return 1 << (32 - Integer.numberOfLeadingZeros(n - 1));
    }
}
