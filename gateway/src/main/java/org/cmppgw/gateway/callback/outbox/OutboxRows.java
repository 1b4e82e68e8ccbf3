package org.cmppgw.gateway.callback.outbox;

import org.cmppgw.gateway.model.CallbackPayload;
import org.cmppgw.gateway.model.CallbackTask;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A JDBC batch of new callbacks, written in the transaction that creates their cause: {@code callback_outbox} rows due
 * at once, or, while the store hands new callbacks to this node's dispatcher, {@code held_callback} rows of this node
 * (db/migration/V29__held_callback.sql) handed to it after the commit (see {@link NewCallbacks}).
 */
public final class OutboxRows implements AutoCloseable {
    private static final String INSERT_DUE = "INSERT INTO callback_outbox (id, kind, app_key, url, ref_id, created_at,"
        + " due_at, attempts, claimed_by) VALUES (?, ?, ?, ?, ?, ?, ?, 0, NULL)";
    private static final String INSERT_HELD = "INSERT INTO held_callback (id, kind, app_key, url, ref_id, created_at,"
        + " node_id) VALUES (?, ?, ?, ?, ?, ?, ?)";

    private final Connection connection;
    private final long nowMillis;
    private final NewCallbacks callbacks;
    private PreparedStatement due;
    private PreparedStatement held;
    private int dueRows;
    private int heldRows;

    public OutboxRows(Connection connection, long nowMillis, NewCallbacks callbacks) {
        this.connection = connection;
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
        boolean handed = callbacks.handsOver();
        PreparedStatement insert = handed ? heldInsert() : dueInsert();
        insert.setLong(1, id);
        insert.setInt(2, payload.type().code());
        insert.setString(3, appKey);
        insert.setString(4, url);
        insert.setLong(5, refId);
        insert.setLong(6, nowMillis);
        if (handed) {
            insert.setInt(7, callbacks.nodeId());
        } else {
            insert.setLong(7, nowMillis);
        }
        insert.addBatch();
        if (handed) {
            heldRows++;
            callbacks.add(new CallbackTask(id, appKey, url, 1, payload, true));
        } else {
            dueRows++;
        }
    }

    /** Inserts the rows added since the last call. */
    public void execute() throws SQLException {
        if (dueRows > 0) {
            due.executeBatch();
            dueRows = 0;
        }
        if (heldRows > 0) {
            held.executeBatch();
            heldRows = 0;
        }
    }

    private PreparedStatement dueInsert() throws SQLException {
        if (due == null) {
            due = connection.prepareStatement(INSERT_DUE);
        }
        return due;
    }

    private PreparedStatement heldInsert() throws SQLException {
        if (held == null) {
            held = connection.prepareStatement(INSERT_HELD);
        }
        return held;
    }

    @Override
    public void close() throws SQLException {
        try {
            if (due != null) {
                due.close();
            }
        } finally {
            if (held != null) {
                held.close();
            }
        }
    }
}
