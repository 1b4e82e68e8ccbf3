package org.cmppgw.gateway.persistence;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** What the store's tests check in the database directly: the number a {@code SELECT COUNT(*) ...} answers. */
public final class SqlCount {
    private SqlCount() {
    }

    public static long of(DataSource dataSource, String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet row = s.executeQuery()) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
