package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.model.CallbackType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** A JDBC batch of new callback outbox rows, due at once; written in the transaction that creates their cause. */
final class OutboxRows implements AutoCloseable {
    private static final String INSERT = "INSERT INTO callback_outbox (kind, app_key, url, ref_id, created_at, due_at,"
        + " attempts) VALUES (?, ?, ?, ?, ?, ?, 0)";

    private final PreparedStatement insert;
    private final long nowMillis;
    private int rows;

    OutboxRows(Connection connection, long nowMillis) throws SQLException {
        this.insert = connection.prepareStatement(INSERT);
        this.nowMillis = nowMillis;
    }

    void add(CallbackType type, String appKey, String url, long refId) throws SQLException {
        insert.setInt(1, type.code());
        insert.setString(2, appKey);
        insert.setString(3, url);
        insert.setLong(4, refId);
        insert.setLong(5, nowMillis);
        insert.setLong(6, nowMillis);
        insert.addBatch();
        rows++;
    }

    void execute() throws SQLException {
        if (rows > 0) {
            insert.executeBatch();
            rows = 0;
        }
    }

    @Override
    public void close() throws SQLException {
        insert.close();
    }
}
