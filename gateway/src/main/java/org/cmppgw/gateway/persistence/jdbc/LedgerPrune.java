package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.persistence.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Deletes the send-ledger rows no admission rule will read again (docs/api.md, "Admission rules"): those older than
 * the longest window. By msg_id, which sorts by acceptance time ({@link MessageIdGenerator}), so the delete walks the
 * primary key's start instead of scanning the table, in chunks that keep each transaction short. Then the
 * {@code send_lock} rows untouched for as long (found by their {@code touched_at} index, V14): such a row only
 * serialises the accepts of one app and mobile, none of whose ledger rows is still read, and the next accept for them
 * inserts it again. Each chunk of lock rows is deleted by key in key order, the order in which accepts lock them
 * ({@link SendLedger}), so the prune never deadlocks an accept; a row an accept touched meanwhile is kept. Never on
 * the accept path. Cold path: a background thread, blocking.
 */
public final class LedgerPrune {
    /** Rows per delete statement. */
    static final int CHUNK = 5_000;
    private static final String DELETE = "DELETE FROM send_ledger WHERE msg_id < ? LIMIT " + CHUNK;
    private static final String OLD_LOCKS = "SELECT mobile_key, app_key FROM send_lock WHERE touched_at < ? LIMIT "
        + CHUNK;
    private static final String DELETE_LOCK = "DELETE FROM send_lock WHERE mobile_key = ? AND app_key = ?"
        + " AND touched_at < ?";
    /** Clock differences between nodes: a row is kept this much longer than the window needs. */
    private static final long MARGIN_MILLIS = 60_000;

    private final DataSource dataSource;

    /**
     * What one {@link #prune} deleted.
     *
     * @param lockRows with a driver that answers a batch without per-row counts (MariaDB's bulk statements), the keys
     *                 whose delete was sent
     */
    public record Pruned(long ledgerRows, long lockRows) {
        static final Pruned NONE = new Pruned(0, 0);
    }

    public LedgerPrune(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Deletes the ledger rows accepted, and the lock rows last touched, before {@code nowMillis - horizonMillis}. */
    public Pruned prune(long nowMillis, long horizonMillis) {
        long cutoff = nowMillis - horizonMillis - MARGIN_MILLIS;
        if (horizonMillis <= 0 || cutoff <= MessageIdGenerator.EPOCH_MILLIS) {
            return Pruned.NONE;
        }
        return new Pruned(pruneLedger(MessageIdGenerator.firstIdOf(cutoff)), pruneLocks(cutoff));
    }

    private long pruneLedger(long firstKept) {
        long deleted = 0;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(DELETE)) {
            int n;
            do {
                statement.setLong(1, firstKept);
                n = statement.executeUpdate();
                commit(connection);
                deleted += n;
            } while (n == CHUNK);
            return deleted;
        } catch (SQLException e) {
            throw new StoreException("store - cannot prune the send ledger (deleted=" + deleted + ")", e);
        }
    }

    private long pruneLocks(long touchedBefore) {
        long deleted = 0;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(OLD_LOCKS);
             PreparedStatement delete = connection.prepareStatement(DELETE_LOCK)) {
            int found;
            do {
                List<LockKey> keys = new ArrayList<>();
                select.setLong(1, touchedBefore);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        keys.add(new LockKey(rows.getLong(1), rows.getString(2)));
                    }
                }
                commit(connection);
                found = keys.size();
                Collections.sort(keys);
                for (LockKey key : keys) {
                    delete.setLong(1, key.mobileKey());
                    delete.setString(2, key.appKey());
                    delete.setLong(3, touchedBefore);
                    delete.addBatch();
                }
                if (found > 0) {
                    for (int n : delete.executeBatch()) {
                        deleted += n == Statement.SUCCESS_NO_INFO ? 1 : Math.max(n, 0);
                    }
                    commit(connection);
                }
            } while (found == CHUNK);
            return deleted;
        } catch (SQLException e) {
            throw new StoreException("store - cannot prune the send locks (deleted=" + deleted + ")", e);
        }
    }

    private static void commit(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    /** A {@code send_lock} key, in the order {@link SendLedger} locks keys. */
    private record LockKey(long mobileKey, String appKey) implements Comparable<LockKey> {
        @Override
        public int compareTo(LockKey other) {
            int byMobile = Long.compare(mobileKey, other.mobileKey);
            return byMobile != 0 ? byMobile : appKey.compareTo(other.appKey);
        }
    }
}
