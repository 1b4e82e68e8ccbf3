package org.cmppgw.gateway.persistence.jdbc;

import io.netty.util.concurrent.DefaultThreadFactory;
import org.cmppgw.gateway.codes.CodeHash;
import org.cmppgw.gateway.codes.CodeStore;
import org.cmppgw.gateway.codes.StoredCode;
import org.cmppgw.gateway.persistence.StoreException;
import org.cmppgw.gateway.persistence.StoreOverloadedException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The {@link CodeStore} on the message store's database (table {@code verification_code}, migration V4), H2 or
 * MariaDB. Each call is one auto-commit statement on a pooled connection, run on this store's own threads behind a
 * bounded queue: a full queue refuses at once with {@link StoreOverloadedException} (the API answers 503). Checks are
 * single conditional UPDATEs, atomic on both databases, so no row lock is held between statements.
 */
public final class JdbcCodeStore implements CodeStore, AutoCloseable {
    private static final String INSERT = "INSERT INTO verification_code (msg_id, app_key, salt, code_hash, expires_at,"
        + " failed_tries, verified_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String FIND = "SELECT msg_id, app_key, salt, code_hash, expires_at, failed_tries, verified_at"
        + " FROM verification_code WHERE msg_id = ?";
    private static final String VERIFY = "UPDATE verification_code SET verified_at = ? WHERE msg_id = ?"
        + " AND verified_at IS NULL AND failed_tries < ? AND expires_at > ?";
    private static final String FAIL = "UPDATE verification_code SET failed_tries = failed_tries + 1"
        + " WHERE msg_id = ? AND verified_at IS NULL";
    private static final String DELETE_EXPIRED = "DELETE FROM verification_code WHERE expires_at < ?";

    private final DataSource dataSource;
    private final ThreadPoolExecutor executor;

    /**
     * @param threads       statements run at once (pooled connections this store may hold)
     * @param queueCapacity calls waiting for a thread before refusing
     */
    public JdbcCodeStore(DataSource dataSource, int threads, int queueCapacity) {
        this.dataSource = dataSource;
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(queueCapacity), new DefaultThreadFactory("store-codes", true),
            new ThreadPoolExecutor.AbortPolicy());
    }

    /** A JDBC step that may throw. */
    private interface Step<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> CompletableFuture<T> submit(String what, Step<T> step) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try (Connection connection = dataSource.getConnection()) {
                    result.complete(step.run(connection));
                } catch (SQLException | RuntimeException e) {
                    result.completeExceptionally(new StoreException("store - codes: " + what + " failed (" + e + ")",
                        e));
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new StoreOverloadedException("store - codes: queue full (queued="
                + executor.getQueue().size() + ", threads=" + executor.getMaximumPoolSize() + ")"));
        }
        return result;
    }

    @Override
    public CompletableFuture<Void> save(StoredCode code) {
        return submit("save", c -> {
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                insert.setLong(1, code.msgId());
                insert.setString(2, code.appKey());
                insert.setBytes(3, code.hash().salt());
                insert.setBytes(4, code.hash().hash());
                insert.setLong(5, code.expiresAt().toEpochMilli());
                insert.setInt(6, code.failedTries());
                if (code.verifiedAt() == null) {
                    insert.setNull(7, Types.BIGINT);
                } else {
                    insert.setLong(7, code.verifiedAt().toEpochMilli());
                }
                insert.executeUpdate();
                return null;
            }
        });
    }

    @Override
    public CompletableFuture<Optional<StoredCode>> find(long msgId) {
        return submit("find", c -> {
            try (PreparedStatement select = c.prepareStatement(FIND)) {
                select.setLong(1, msgId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    long verified = row.getLong(7);
                    Instant verifiedAt = row.wasNull() ? null : Instant.ofEpochMilli(verified);
                    return Optional.of(new StoredCode(row.getLong(1), row.getString(2),
                        new CodeHash(row.getBytes(3), row.getBytes(4)), Instant.ofEpochMilli(row.getLong(5)),
                        row.getInt(6), verifiedAt));
                }
            }
        });
    }

    @Override
    public CompletableFuture<Boolean> markVerified(long msgId, int maxFailedTries, Instant now) {
        return submit("verify", c -> {
            try (PreparedStatement update = c.prepareStatement(VERIFY)) {
                update.setLong(1, now.toEpochMilli());
                update.setLong(2, msgId);
                update.setInt(3, maxFailedTries);
                update.setLong(4, now.toEpochMilli());
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public CompletableFuture<Void> countFailure(long msgId) {
        return submit("count failure", c -> {
            try (PreparedStatement update = c.prepareStatement(FAIL)) {
                update.setLong(1, msgId);
                update.executeUpdate();
                return null;
            }
        });
    }

    @Override
    public int deleteExpired(Instant before) {
        try (Connection c = dataSource.getConnection(); PreparedStatement delete = c.prepareStatement(DELETE_EXPIRED)) {
            delete.setLong(1, before.toEpochMilli());
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("store - codes: deleting expired codes failed (" + e + ")", e);
        }
    }

    /** Stops taking calls; calls already queued still run (bounded wait). */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
