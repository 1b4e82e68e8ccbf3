package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.persistence.StandingStore;
import org.cmppgw.gateway.persistence.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The {@link StandingStore} in the {@code app_standing} and {@code account_standing} tables (V5): one short
 * auto-commit statement per call, on the caller's thread. Cold path (operator changes, a read every few seconds).
 */
public final class JdbcStanding implements StandingStore {
    private static final String BLACKLISTED = "SELECT app_key FROM app_standing WHERE blacklisted = 1";
    private static final String FROZEN = "SELECT frozen FROM account_standing WHERE id = 1";
    private static final String SET_BLACKLISTED = "INSERT INTO app_standing (app_key, blacklisted, updated_at)"
        + " VALUES (?, ?, ?)"
        + " ON DUPLICATE KEY UPDATE blacklisted = VALUES(blacklisted), updated_at = VALUES(updated_at)";
    private static final String SET_FROZEN = "INSERT INTO account_standing (id, frozen, updated_at) VALUES (1, ?, ?)"
        + " ON DUPLICATE KEY UPDATE frozen = VALUES(frozen), updated_at = VALUES(updated_at)";

    private final DataSource dataSource;

    public JdbcStanding(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public Standing read() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement apps = connection.prepareStatement(BLACKLISTED);
             PreparedStatement account = connection.prepareStatement(FROZEN)) {
            Set<String> blacklisted = new HashSet<>();
            try (ResultSet rows = apps.executeQuery()) {
                while (rows.next()) {
                    blacklisted.add(rows.getString(1));
                }
            }
            boolean frozen;
            try (ResultSet row = account.executeQuery()) {
                frozen = row.next() && row.getInt(1) != 0;
            }
            return new Standing(blacklisted, frozen);
        } catch (SQLException e) {
            throw new StoreException("store - cannot read app standing", e);
        }
    }

    @Override
    public void writeBlacklisted(String appKey, boolean blacklisted, long nowMillis) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(SET_BLACKLISTED)) {
            statement.setString(1, appKey);
            statement.setInt(2, blacklisted ? 1 : 0);
            statement.setLong(3, nowMillis);
            statement.executeUpdate();
            commit(connection);
        } catch (SQLException e) {
            throw new StoreException("store - cannot write app=" + appKey + " blacklisted=" + blacklisted, e);
        }
    }

    @Override
    public void writeFrozen(boolean frozen, long nowMillis) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(SET_FROZEN)) {
            statement.setInt(1, frozen ? 1 : 0);
            statement.setLong(2, nowMillis);
            statement.executeUpdate();
            commit(connection);
        } catch (SQLException e) {
            throw new StoreException("store - cannot write account frozen=" + frozen, e);
        }
    }

    private static void commit(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }
}
