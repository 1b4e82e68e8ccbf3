package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.model.SmsType;
import org.cmppgw.gateway.persistence.BalanceStore;
import org.cmppgw.gateway.persistence.StoreException;
import org.cmppgw.gateway.persistence.sql.Transactions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The {@link BalanceStore} in the V9 tables ({@code balance}, {@code balance_log}, {@code balance_alert}) and V25's
 * {@code balance_alert_setting} ({@link AlertSettingRows}). Each
 * operation is one transaction on its own connection: it makes sure both rows exist, locks the account's row and then
 * the app's ({@code FOR UPDATE}, the same order on every node; the accept lane locks app rows only), changes them with
 * conditional UPDATEs and appends its log row. Cold path.
 */
public final class JdbcBalances implements BalanceStore {
    private static final String READ = "SELECT sms_type, amount FROM balance WHERE app_key = ?";
    private static final String READ_ALL = "SELECT app_key, sms_type, amount FROM balance ORDER BY app_key, sms_type";
    private static final String ENSURE = "INSERT INTO balance (app_key, sms_type, amount, alerted) VALUES (?, ?, 0, 0)"
        + " ON DUPLICATE KEY UPDATE amount = amount";
    private static final String LOCK = "SELECT amount FROM balance WHERE app_key = ? AND sms_type = ? FOR UPDATE";
    private static final String ADD = "UPDATE balance SET amount = amount + ? WHERE app_key = ? AND sms_type = ?";
    private static final String TAKE = "UPDATE balance SET amount = amount - ? WHERE app_key = ? AND sms_type = ?"
        + " AND amount >= ?";
    private static final String REARM = "UPDATE balance SET alerted = 0 WHERE app_key = ? AND sms_type = ?";
    private static final String LOG = "INSERT INTO balance_log (operator, at, operation, app_key, sms_type, amount,"
        + " app_after, account_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String READ_LOG = "SELECT id, operator, at, operation, app_key, sms_type, amount, app_after,"
        + " account_after FROM balance_log ORDER BY id DESC LIMIT ? OFFSET ?";
    private static final String LOG_SIZE = "SELECT COUNT(*) FROM balance_log";
    private static final String READ_APP_LOG = "SELECT id, operator, at, operation, app_key, sms_type, amount,"
        + " app_after, account_after FROM balance_log WHERE app_key = ? ORDER BY id DESC LIMIT ? OFFSET ?";
    private static final String APP_LOG_SIZE = "SELECT COUNT(*) FROM balance_log WHERE app_key = ?";
    private static final String UNSENT = "SELECT id, app_key, sms_type, amount, threshold, created_at"
        + " FROM balance_alert WHERE sent_at IS NULL ORDER BY id LIMIT ?";
    private static final String CLAIM = "UPDATE balance_alert SET sent_at = ? WHERE id = ? AND sent_at IS NULL";

    private final DataSource dataSource;

    public JdbcBalances(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public Balances read(String owner) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(READ)) {
            statement.setString(1, owner);
            Map<SmsType, Long> amounts = new EnumMap<>(SmsType.class);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    amounts.put(SmsType.ofCode(rows.getInt(1)), rows.getLong(2));
                }
            }
            commit(connection);
            return new Balances(owner, amounts);
        } catch (SQLException e) {
            throw new StoreException("store - cannot read the balances of " + describe(owner), e);
        }
    }

    @Override
    public List<Balances> readAll() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(READ_ALL)) {
            Map<String, Map<SmsType, Long>> owners = new LinkedHashMap<>();
            owners.put(ACCOUNT, new EnumMap<>(SmsType.class));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    owners.computeIfAbsent(rows.getString(1), k -> new EnumMap<>(SmsType.class))
                        .put(SmsType.ofCode(rows.getInt(2)), rows.getLong(3));
                }
            }
            commit(connection);
            List<Balances> out = new ArrayList<>(owners.size());
            owners.forEach((owner, amounts) -> out.add(new Balances(owner, amounts)));
            return out;
        } catch (SQLException e) {
            throw new StoreException("store - cannot read the balances", e);
        }
    }

    @Override
    public Change apply(String operator, Operation operation, String appKey, SmsType type, long amount,
                        long threshold, long nowMillis) {
        if (amount < 1) {
            throw new IllegalArgumentException("amount: " + amount + " (expected: >= 1)");
        }
        String app = operation == Operation.TOP_UP ? ACCOUNT : Objects.requireNonNull(appKey, "appKey");
        if (operation != Operation.TOP_UP && app.isEmpty()) {
            throw new IllegalArgumentException("appKey: \"\" (expected: an app)");
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean auto = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                Change change = apply(connection, operator, operation, app, type, amount, threshold, nowMillis);
                connection.commit();
                return change;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new StoreException("store - " + operation.label() + " of " + amount + " " + type.label() + " to "
                + describe(app) + " failed", e);
        }
    }

    private static Change apply(Connection connection, String operator, Operation operation, String app,
                                SmsType type, long amount, long threshold, long nowMillis) throws SQLException {
        ensure(connection, ACCOUNT, type);
        if (!app.isEmpty()) {
            ensure(connection, app, type);
        }
        long account = lock(connection, ACCOUNT, type);
        long appAmount = app.isEmpty() ? 0 : lock(connection, app, type);
        switch (operation) {
            case TOP_UP -> {
                add(connection, ACCOUNT, type, amount);
                account += amount;
            }
            case ALLOCATE -> {
                if (!take(connection, ACCOUNT, type, amount)) {
                    return new Change(false, appAmount, account);
                }
                add(connection, app, type, amount);
                account -= amount;
                appAmount += amount;
                if (appAmount >= threshold) {
                    rearm(connection, app, type);
                }
            }
            case RETURN -> {
                if (!take(connection, app, type, amount)) {
                    return new Change(false, appAmount, account);
                }
                add(connection, ACCOUNT, type, amount);
                account += amount;
                appAmount -= amount;
            }
            default -> throw new IllegalStateException("operation: " + operation);
        }
        try (PreparedStatement log = connection.prepareStatement(LOG)) {
            log.setString(1, operator);
            log.setLong(2, nowMillis);
            log.setString(3, operation.label());
            log.setString(4, app);
            log.setInt(5, type.code());
            log.setLong(6, amount);
            log.setLong(7, appAmount);
            log.setLong(8, account);
            log.executeUpdate();
        }
        return new Change(true, appAmount, account);
    }

    private static void ensure(Connection connection, String owner, SmsType type) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(ENSURE)) {
            statement.setString(1, owner);
            statement.setInt(2, type.code());
            statement.executeUpdate();
        }
    }

    private static long lock(Connection connection, String owner, SmsType type) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(LOCK)) {
            statement.setString(1, owner);
            statement.setInt(2, type.code());
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("balance row of " + describe(owner) + " " + type.label() + " missing");
                }
                return row.getLong(1);
            }
        }
    }

    private static void add(Connection connection, String owner, SmsType type, long amount) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(ADD)) {
            statement.setLong(1, amount);
            statement.setString(2, owner);
            statement.setInt(3, type.code());
            statement.executeUpdate();
        }
    }

    private static boolean take(Connection connection, String owner, SmsType type, long amount) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(TAKE)) {
            statement.setLong(1, amount);
            statement.setString(2, owner);
            statement.setInt(3, type.code());
            statement.setLong(4, amount);
            return statement.executeUpdate() == 1;
        }
    }

    private static void rearm(Connection connection, String owner, SmsType type) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(REARM)) {
            statement.setString(1, owner);
            statement.setInt(2, type.code());
            statement.executeUpdate();
        }
    }

    @Override
    public List<LogEntry> log(int offset, int limit) {
        return log(null, offset, limit);
    }

    @Override
    public List<LogEntry> log(String appKey, int offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset, limit: " + offset + ", " + limit
                + " (expected: offset >= 0, limit >= 1)");
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(appKey == null ? READ_LOG : READ_APP_LOG)) {
            int at = 1;
            if (appKey != null) {
                statement.setString(at++, appKey);
            }
            statement.setInt(at++, limit);
            statement.setInt(at, offset);
            List<LogEntry> out = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    out.add(new LogEntry(rows.getLong(1), rows.getString(2), rows.getLong(3),
                        operation(rows.getString(4)), rows.getString(5), SmsType.ofCode(rows.getInt(6)),
                        rows.getLong(7), rows.getLong(8), rows.getLong(9)));
                }
            }
            commit(connection);
            return out;
        } catch (SQLException e) {
            throw new StoreException("store - cannot read the balance log"
                + (appKey == null ? "" : " of " + describe(appKey)), e);
        }
    }

    @Override
    public long logSize(String appKey) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(APP_LOG_SIZE)) {
            statement.setString(1, appKey);
            long size;
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                size = row.getLong(1);
            }
            commit(connection);
            return size;
        } catch (SQLException e) {
            throw new StoreException("store - cannot count the balance log of " + describe(appKey), e);
        }
    }

    @Override
    public List<AlertSetting> alertSettings() {
        try (Connection connection = dataSource.getConnection()) {
            List<AlertSetting> all = AlertSettingRows.all(connection);
            commit(connection);
            return all;
        } catch (SQLException e) {
            throw new StoreException("store - cannot read the balance alert settings", e);
        }
    }

    @Override
    public void saveAlertSetting(AlertSetting setting) {
        try (Connection connection = dataSource.getConnection()) {
            Transactions.commit(connection, c -> {
                AlertSettingRows.save(c, setting);
                return null;
            });
        } catch (SQLException e) {
            throw new StoreException("store - cannot save the balance alert settings of "
                + describe(setting.appKey()), e);
        }
    }

    @Override
    public int seedAlertSettings(List<AlertSetting> settings) {
        try (Connection connection = dataSource.getConnection()) {
            return Transactions.commit(connection, c -> {
                int written = 0;
                for (AlertSetting setting : settings) {
                    written += AlertSettingRows.seed(c, setting) ? 1 : 0;
                }
                return written;
            });
        } catch (SQLException e) {
            throw new StoreException("store - cannot write the configured balance alert settings", e);
        }
    }

    @Override
    public long logSize() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(LOG_SIZE);
             ResultSet row = statement.executeQuery()) {
            long size = row.next() ? row.getLong(1) : 0;
            commit(connection);
            return size;
        } catch (SQLException e) {
            throw new StoreException("store - cannot count the balance log", e);
        }
    }

    @Override
    public List<Alert> claimAlerts(int max, long nowMillis) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement unsent = connection.prepareStatement(UNSENT);
             PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            unsent.setInt(1, max);
            List<Alert> candidates = new ArrayList<>();
            try (ResultSet rows = unsent.executeQuery()) {
                while (rows.next()) {
                    candidates.add(new Alert(rows.getLong(1), rows.getString(2), SmsType.ofCode(rows.getInt(3)),
                        rows.getLong(4), rows.getLong(5), rows.getLong(6)));
                }
            }
            commit(connection);
            List<Alert> claimed = new ArrayList<>(candidates.size());
            for (Alert alert : candidates) {
                // the claim is its own commit: another node's claim of the same row then updates nothing
                claim.setLong(1, nowMillis);
                claim.setLong(2, alert.id());
                if (claim.executeUpdate() == 1) {
                    claimed.add(alert);
                }
                commit(connection);
            }
            return claimed;
        } catch (SQLException e) {
            throw new StoreException("store - cannot claim balance alerts", e);
        }
    }

    private static Operation operation(String label) {
        return switch (label) {
            case "top_up" -> Operation.TOP_UP;
            case "allocate" -> Operation.ALLOCATE;
            case "return" -> Operation.RETURN;
            default -> throw new IllegalStateException("balance_log.operation: " + label
                + " (expected: top_up, allocate or return)");
        };
    }

    private static String describe(String owner) {
        return owner.isEmpty() ? "the account" : "app=" + owner;
    }

    private static void commit(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }
}
