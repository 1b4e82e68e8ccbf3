package org.cmppgw.gateway.persistence.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Selects and locks, for the current transaction, the first {@code max} rows of a queue-like table in a given order,
 * so concurrent claimers never get the same row.
 *
 * <p>MariaDB: one statement, {@code ... ORDER BY ... LIMIT ? FOR UPDATE SKIP LOCKED}: InnoDB walks the index in
 * order, skipping rows another transaction holds. H2 2.3 cannot do that: {@code FOR UPDATE} makes it read and sort
 * every matching row before the limit (a claim costs O(backlog)), and its {@code SKIP LOCKED} applies the limit before
 * skipping. So on H2 the candidates' keys are read in index order without a lock, then locked by key with the
 * condition checked again: a row another claimer took meanwhile no longer matches once its lock is released, so a
 * claim may return fewer rows than are due (never the same row twice). The check in that second step is written
 * {@code (condition) IS TRUE}, which H2 cannot turn into an index range: given the plain condition, H2 2.3 walked
 * the condition's index (every due row, the whole backlog) and tested each against the key list instead of looking
 * the keys up, so each claim still cost O(backlog) (an H2 email backlog drained at 183 mails/s, README
 * "Performance").
 */
public final class ClaimQuery {
    private final boolean twoStep;
    private final int conditionParams;
    private final String single;
    private final String candidates;
    private final InQuery lockByKey;

    /**
     * @param columns         the columns to return, the key first
     * @param condition       the WHERE condition, with {@code conditionParams} parameters
     * @param order           the ORDER BY list, served by an index
     */
    public ClaimQuery(Dialect dialect, String columns, String table, String key, String condition, int conditionParams,
               String order) {
        this.twoStep = dialect == Dialect.H2;
        this.conditionParams = conditionParams;
        String where = " FROM " + table + " WHERE " + condition + " ORDER BY " + order;
        this.single = "SELECT " + columns + where + " LIMIT ?" + dialect.claimLock();
        this.candidates = "SELECT " + key + where + " LIMIT ?";
        this.lockByKey = new InQuery(dialect, "SELECT " + columns + " FROM " + table + " WHERE " + key + " IN (",
            ") AND (" + condition + ") IS TRUE ORDER BY " + order + dialect.claimLock());
    }

    public void forEach(Connection connection, InQuery.Binder condition, int max, InQuery.RowHandler handler)
            throws SQLException {
        if (!twoStep) {
            try (PreparedStatement select = connection.prepareStatement(single)) {
                condition.bind(select, 1);
                select.setInt(conditionParams + 1, max);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        handler.row(rows);
                    }
                }
            }
            return;
        }
        LongList keys = new LongList();
        try (PreparedStatement select = connection.prepareStatement(candidates)) {
            condition.bind(select, 1);
            select.setInt(conditionParams + 1, max);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    keys.add(rows.getLong(1));
                }
            }
        }
        if (keys.size() > 0) {
            lockByKey.forEach(connection, keys.values(), keys.size(), condition, handler);
        }
    }

    /** The H2 statement that locks {@code keys} candidates by key (a test looks at its plan). */
    String lockByKey(int keys) {
        return lockByKey.sql(keys);
    }
}
