package org.cmppgw.gateway.idempotency;

import org.cmppgw.gateway.persistence.AcceptHook;
import org.cmppgw.gateway.persistence.StoreException;
import org.cmppgw.gateway.persistence.sql.JdbcExecutor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The {@code idempotency_key} table (db/vendor/&lt;db&gt;/V15__idempotency_keys.sql, docs/api.md "When the database
 * is slow or down"): each app's keys with the answer of the send that first used it. A key is written by
 * {@link #record}, an {@link AcceptHook} in the transaction that stores the send's messages, so a key is there if
 * and only if its messages are; {@link #find} reads it back for a retry; {@link #purge} forgets old keys in bounded
 * chunks.
 */
public final class IdempotencyStore implements AutoCloseable {
    /** Rows per purge statement: each delete is a short transaction. */
    static final int PURGE_CHUNK = 1_000;
    private static final String FIND = "SELECT status, code, answer FROM idempotency_key WHERE app_key = ?"
        + " AND idem_key = ?";
    private static final String INSERT = "INSERT INTO idempotency_key (app_key, idem_key, status, code, answer,"
        + " created_at) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String PURGE = "DELETE FROM idempotency_key WHERE created_at < ? LIMIT " + PURGE_CHUNK;
    /** SQLSTATE class of integrity constraint violations: the key's primary key is already taken. */
    private static final String CONSTRAINT_VIOLATION = "23";

    private final DataSource dataSource;
    private final JdbcExecutor executor;

    /**
     * @param threads       lookups run at once
     * @param queueCapacity lookups waiting for a thread before refusing
     */
    public IdempotencyStore(DataSource dataSource, int threads, int queueCapacity) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.executor = new JdbcExecutor(dataSource, "store-idempotency", threads, queueCapacity);
    }

    /** The answer stored under {@code appKey}'s {@code key}, or null when the key is unknown (or purged). */
    public CompletableFuture<StoredAnswer> find(String appKey, String key) {
        return executor.transaction("idempotency key lookup", c -> read(c, appKey, key));
    }

    /**
     * The work that stores {@code key} with the send's answer in the transaction that stores the send's messages.
     *
     * @param answer the send's answer from its ids, in request order (a negative id: a recipient refused by the
     *               store's per-mobile rules, minus its JSMS code); called on the store's writer thread
     */
    public Recording record(String appKey, String key, long createdAtMillis, Function<long[], StoredAnswer> answer) {
        return new Recording(appKey, key, createdAtMillis, answer);
    }

    /**
     * Deletes the keys created before {@code cutoffMillis}, at most {@code maxChunks} × {@value #PURGE_CHUNK} rows;
     * cold path, blocking.
     *
     * @return the number of keys deleted
     */
    public long purge(long cutoffMillis, int maxChunks) {
        long deleted = 0;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(PURGE)) {
            int n;
            int chunks = 0;
            do {
                statement.setLong(1, cutoffMillis);
                n = statement.executeUpdate();
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
                deleted += n;
            } while (n == PURGE_CHUNK && ++chunks < maxChunks);
            return deleted;
        } catch (SQLException e) {
            throw new StoreException("store - cannot purge idempotency keys (deleted=" + deleted + ")", e);
        }
    }

    @Override
    public void close() {
        executor.close();
    }

    private static StoredAnswer read(Connection c, String appKey, String key) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(FIND)) {
            select.setString(1, appKey);
            select.setString(2, key);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? new StoredAnswer(row.getInt(1), row.getInt(2), row.getString(3)) : null;
            }
        }
    }

    /**
     * One send's key, stored by the accept transaction. When another send already holds the key (a retry that
     * raced its first attempt on another node), it fails the transaction, so nothing of this send is stored nor
     * billed, and {@link #taken()} says why.
     */
    public static final class Recording implements AcceptHook {
        private final String appKey;
        private final String key;
        private final long createdAtMillis;
        private final Function<long[], StoredAnswer> answer;
        private volatile boolean taken;

        private Recording(String appKey, String key, long createdAtMillis, Function<long[], StoredAnswer> answer) {
            this.appKey = Objects.requireNonNull(appKey, "appKey");
            this.key = Objects.requireNonNull(key, "key");
            this.createdAtMillis = createdAtMillis;
            this.answer = Objects.requireNonNull(answer, "answer");
        }

        /** True when the last transaction that ran this found the key already held by another send. */
        public boolean taken() {
            return taken;
        }

        @Override
        public int apply(Connection connection, long[] msgIds, int[] verdicts) throws SQLException {
            // runs again when a failed group commit is retried write by write
            taken = read(connection, appKey, key) != null;
            if (taken) {
                throw new KeyTakenException(appKey, key);
            }
            long[] ids = new long[msgIds.length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = verdicts[i] == 0 ? msgIds[i] : -verdicts[i];
            }
            StoredAnswer stored = answer.apply(ids);
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setString(1, appKey);
                insert.setString(2, key);
                insert.setInt(3, stored.status());
                insert.setInt(4, stored.code());
                insert.setString(5, stored.body());
                insert.setLong(6, createdAtMillis);
                insert.executeUpdate();
            } catch (SQLException e) {
                String state = e.getSQLState();
                taken = state != null && state.startsWith(CONSTRAINT_VIOLATION);
                throw e;
            }
            return 0;
        }
    }

    /** The key is held by another send: this send's transaction must not commit. */
    static final class KeyTakenException extends SQLException {
        private static final long serialVersionUID = 1L;

        KeyTakenException(String appKey, String key) {
            super("idempotency - app=" + appKey + " - key already used by another send (key=" + key + ")",
                CONSTRAINT_VIOLATION + "000");
        }
    }
}
