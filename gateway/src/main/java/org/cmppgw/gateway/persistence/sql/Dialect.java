package org.cmppgw.gateway.persistence.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The few clauses that differ between the two databases. MariaDB serves many gateway nodes (docs/design.md §8): message
 * rows are locked while a final status is decided, and claims skip rows another node holds
 * ({@code FOR UPDATE SKIP LOCKED}, MariaDB 10.6+). H2 serves one process (its file is locked), where the single writer
 * thread is the only one deciding statuses, so it needs no message lock. H2 2.3 parses {@code SKIP LOCKED} but applies
 * {@code LIMIT} before skipping (a claimer can get nothing while due rows exist), so on H2 claims lock with plain
 * {@code FOR UPDATE}, which waits for the other claimer and then re-reads the rows it locked (see
 * {@link ClaimQuery}).
 */
public enum Dialect {
    H2("", " FOR UPDATE", 64, "", " USE INDEX "),
    MARIADB(" FOR UPDATE", " FOR UPDATE SKIP LOCKED", 512, "SET STATEMENT eq_range_index_dive_limit = 1 FOR ",
        " FORCE INDEX ");

    private final String messageLock;
    private final String claimLock;
    private final int inListChunk;
    private final String planFromStatistics;
    private final String indexHint;

    Dialect(String messageLock, String claimLock, int inListChunk, String planFromStatistics, String indexHint) {
        this.messageLock = messageLock;
        this.claimLock = claimLock;
        this.inListChunk = inListChunk;
        this.planFromStatistics = planFromStatistics;
        this.indexHint = indexHint;
    }

    /** The most values per IN list, a power of two (see {@link InQuery}). */
    int inListChunk() {
        return inListChunk;
    }

    /** Appended to the query that reads the messages whose status is being decided. */
    public String messageLock() {
        return messageLock;
    }

    /**
     * Put in front of a SELECT whose long IN list targets a large table's non-unique index with reliable statistics:
     * MariaDB then plans it from the index statistics instead of one B-tree descent per listed value before running
     * it (below 200 values, {@code eq_range_index_dive_limit}), which doubled the index reads of the report lookup.
     * Not for small or fast-changing tables, whose statistics may be stale.
     */
    public String planFromStatistics() {
        return planFromStatistics;
    }

    /**
     * Put after a table's name: read it through {@code index}, whatever the table's statistics say (a table just
     * created, or grown a lot since they were taken, may look too small to bother with an index). MariaDB's
     * {@code FORCE INDEX} scans only when the index cannot serve the query; H2's {@code USE INDEX} considers no
     * other index.
     */
    public String indexHint(String index) {
        return indexHint + "(" + index + ")";
    }

    /** Appended to claim queries (outbox, pulls) that several nodes may run at once. */
    public String claimLock() {
        return claimLock;
    }

    public static Dialect of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return of(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("store - cannot read the database product (" + e + ")", e);
        }
    }

    static Dialect of(String productName) {
        String name = productName.toLowerCase(Locale.ROOT);
        if (name.contains("h2")) {
            return H2;
        }
        if (name.contains("mariadb") || name.contains("mysql")) {
            return MARIADB;
        }
        throw new IllegalArgumentException("productName: " + productName + " (expected: H2 or MariaDB)");
    }
}
