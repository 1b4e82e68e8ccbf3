package org.cmppgw.gateway.callback.outbox;

import org.cmppgw.gateway.model.CallbackPayload;
import org.cmppgw.gateway.model.CallbackTask;
import org.cmppgw.gateway.model.FinalReport;

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

    private final PreparedStatement insert;
    private final long nowMillis;
    private final NewCallbacks callbacks;
    /** Whether this batch's callbacks are held by this node: fixed when it began ({@link NewCallbacks#begin}). */
    private final boolean held;
    private int rows;

    public OutboxRows(Connection connection, long nowMillis, NewCallbacks callbacks) throws SQLException {
        this.held = callbacks.handsOver();
        this.insert = connection.prepareStatement(held ? INSERT_HELD : INSERT_DUE);
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
        insert.setLong(1, id);
        insert.setInt(2, payload.type().code());
        insert.setString(3, appKey);
        insert.setString(4, url);
        insert.setLong(5, refId);
        insert.setLong(6, nowMillis);
        if (held) {
            insert.setInt(7, callbacks.nodeId());
        } else {
            insert.setLong(7, nowMillis);
        }
        insert.addBatch();
        rows++;
        if (held) {
            callbacks.add(new CallbackTask(id, appKey, url, 1, payload, true));
        }
    }

    /**
     * The report callback of a message made final in this batch, unless the app does not take reports. Returns
     * whether this node holds it in the message's final row ({@link ReportsHeldInFinals}): then it has no row of its
     * own, and the caller sets the final row's {@code callback_node} to {@link #nodeId()}.
     */
    public boolean addReport(String appKey, String url, FinalReport report) throws SQLException {
        long msgId = report.msgId();
        if (!callbacks.holdsInFinal(msgId, nowMillis) || !callbacks.calls(appKey, report.type())) {
            add(appKey, url, msgId, report);
            return false;
        }
        callbacks.holdInFinal(new CallbackTask(ReportsHeldInFinals.taskIdOf(msgId), appKey, url, 1, report, true),
            msgId, nowMillis);
        return true;
    }

    /** The node holding this batch's callbacks. */
    public int nodeId() {
        return callbacks.nodeId();
    }

    /** Inserts the rows added since the last call. */
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
