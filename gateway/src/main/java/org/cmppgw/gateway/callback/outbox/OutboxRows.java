package org.cmppgw.gateway.callback.outbox;

import org.cmppgw.gateway.model.CallbackPayload;
import org.cmppgw.gateway.model.CallbackTask;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * A JDBC batch of new callback outbox rows, written in the transaction that creates their cause: due at once, or
 * claimed by this node and handed to its dispatcher after the commit (see {@link NewCallbacks}).
 */
public final class OutboxRows implements AutoCloseable {
    private static final String INSERT = "INSERT INTO callback_outbox (id, kind, app_key, url, ref_id, created_at,"
        + " due_at, attempts, claimed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final PreparedStatement insert;
    private final long nowMillis;
    private final NewCallbacks callbacks;
    private int rows;

    public OutboxRows(Connection connection, long nowMillis, NewCallbacks callbacks) throws SQLException {
        this.insert = connection.prepareStatement(INSERT);
        this.nowMillis = nowMillis;
        this.callbacks = callbacks;
    }

    /**
     * A callback of {@code payload} (whose id is {@code refId}) to {@code url}, unless the app does not take this type
     * ({@link CallbackFilter}).
     */
    public void add(String appKey, String url, long refId, CallbackPayload payload) throws SQLException {
        if (!callbacks.calls(appKey, payload.type())) {
            return;
        }
        long id = callbacks.nextId();
        long lease = callbacks.leaseMillis();
        insert.setLong(1, id);
        insert.setInt(2, payload.type().code());
        insert.setString(3, appKey);
        insert.setString(4, url);
        insert.setLong(5, refId);
        insert.setLong(6, nowMillis);
        insert.setLong(7, nowMillis + lease);
        insert.setInt(8, lease > 0 ? 1 : 0);
        if (lease > 0) {
            insert.setInt(9, callbacks.nodeId());
        } else {
            insert.setNull(9, Types.SMALLINT);
        }
        insert.addBatch();
        rows++;
        if (lease > 0) {
            callbacks.add(new CallbackTask(id, appKey, url, 1, payload));
        }
    }

    public void execute() throws SQLException {
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
