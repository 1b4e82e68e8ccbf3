package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.model.SmsType;
import org.cmppgw.gateway.persistence.BalanceStore.AlertSetting;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The V25 table {@code balance_alert_setting} for {@link JdbcBalances}: the operators' balance alert settings per app
 * (docs/api.md "Balance alerts"). A save replaces the app's row and re-arms its balances that are at or above their
 * new thresholds in the same transaction; the configuration's settings are written only where an app has no row.
 * Cold path: an operator's edit, a node's start and the billing service's periodic reload.
 */
final class AlertSettingRows {
    private static final String ALL = "SELECT app_key, mobiles, industry, market, voice, updated_by, updated_at"
        + " FROM balance_alert_setting ORDER BY app_key";
    private static final String SAVE = "INSERT INTO balance_alert_setting (app_key, mobiles, industry, market, voice,"
        + " updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE mobiles = VALUES(mobiles),"
        + " industry = VALUES(industry), market = VALUES(market), voice = VALUES(voice),"
        + " updated_by = VALUES(updated_by), updated_at = VALUES(updated_at)";
    private static final String SEED = "INSERT INTO balance_alert_setting (app_key, mobiles, industry, market, voice,"
        + " updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE app_key = app_key";
    private static final String EXISTS = "SELECT COUNT(*) FROM balance_alert_setting WHERE app_key = ?";
    /** A balance at or above its new threshold is armed again: its next crossing below it queues an alert. */
    private static final String REARM = "UPDATE balance SET alerted = 0 WHERE app_key = ? AND sms_type = ?"
        + " AND alerted = 1 AND amount >= ?";
    private static final char SEPARATOR = ',';

    private AlertSettingRows() {
    }

    static List<AlertSetting> all(Connection connection) throws SQLException {
        List<AlertSetting> out = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(ALL);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                out.add(new AlertSetting(rows.getString(1), mobiles(rows.getString(2)), rows.getLong(3),
                    rows.getLong(4), rows.getLong(5), rows.getString(6), rows.getLong(7)));
            }
        }
        return out;
    }

    static void save(Connection connection, AlertSetting setting) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SAVE)) {
            bind(statement, setting);
            statement.executeUpdate();
        }
        try (PreparedStatement rearm = connection.prepareStatement(REARM)) {
            for (SmsType type : SmsType.values()) {
                long threshold = setting.threshold(type);
                if (threshold == 0) {
                    continue;
                }
                rearm.setString(1, setting.appKey());
                rearm.setInt(2, type.code());
                rearm.setLong(3, threshold);
                rearm.executeUpdate();
            }
        }
    }

    /** Writes {@code setting} unless its app has a row; whether it was written. */
    static boolean seed(Connection connection, AlertSetting setting) throws SQLException {
        try (PreparedStatement exists = connection.prepareStatement(EXISTS)) {
            exists.setString(1, setting.appKey());
            try (ResultSet row = exists.executeQuery()) {
                row.next();
                if (row.getLong(1) > 0) {
                    return false;
                }
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(SEED)) {
            bind(statement, setting);
            // two nodes starting together: the second insert updates nothing and the first node's row stays
            return statement.executeUpdate() == 1;
        }
    }

    private static void bind(PreparedStatement statement, AlertSetting setting) throws SQLException {
        statement.setString(1, setting.appKey());
        statement.setString(2, String.join(String.valueOf(SEPARATOR), setting.mobiles()));
        statement.setLong(3, setting.industry());
        statement.setLong(4, setting.market());
        statement.setLong(5, setting.voice());
        statement.setString(6, setting.updatedBy());
        statement.setLong(7, setting.updatedAtMillis());
    }

    private static List<String> mobiles(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(String.valueOf(SEPARATOR)));
    }
}
