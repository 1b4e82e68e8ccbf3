package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.persistence.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Deletes the send-ledger rows no admission rule will read again (docs/api.md, "Admission rules"): those older than
 * the longest window. By msg_id, which sorts by acceptance time ({@link MessageIdGenerator}), so the delete walks the
 * primary key's start instead of scanning the table, in chunks that keep each transaction short. The cross-node lock
 * rows are a fixed set ({@code send_lock_stripe}, V27) and need no pruning. Never on the accept path. Cold path: a
 * background thread, blocking.
 */
public final class LedgerPrune {
    /** Rows per delete statement. */
    static final int CHUNK = 5_000;
    private static final String DELETE = "DELETE FROM send_ledger WHERE msg_id < ? LIMIT " + CHUNK;
    /** Clock differences between nodes: a row is kept this much longer than the window needs. */
    private static final long MARGIN_MILLIS = 60_000;

    private final DataSource dataSource;

    public LedgerPrune(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Deletes the ledger rows accepted before {@code nowMillis - horizonMillis} (less the margin).
     *
     * @return the rows deleted
     */
    public long prune(long nowMillis, long horizonMillis) {
        long cutoff = nowMillis - horizonMillis - MARGIN_MILLIS;
        if (horizonMillis <= 0 || cutoff <= MessageIdGenerator.EPOCH_MILLIS) {
            return 0;
        }
        return pruneLedger(MessageIdGenerator.firstIdOf(cutoff));
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

    private static void commit(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }
}
