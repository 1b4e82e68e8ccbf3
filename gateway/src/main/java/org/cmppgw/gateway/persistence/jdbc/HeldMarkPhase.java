package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.persistence.sql.HeldMessages;
import org.cmppgw.gateway.persistence.sql.MessagesHeldInRows;
import org.cmppgw.gateway.persistence.sql.NodeMark;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Keeps this node's mark for the messages it holds in their rows ({@link MessagesHeldInRows}) close to now, inside
 * the status lane's transaction, at most every {@value #INTERVAL_MILLIS} ms: those held longer than
 * {@link MessagesHeldInRows#STALE_MILLIS} (a provider down, a slow window) get {@code held_message} rows, then the mark
 * is written. Taking them on the status lane's thread, as its submits and finals take the others, means a message is
 * never both given a row and taken as submitted. A lane with nothing to write leaves the mark where it was, which is
 * still below every message held: only the restart's range grows.
 */
final class HeldMarkPhase {
    static final long INTERVAL_MILLIS = 10_000;

    private final MessagesHeldInRows heldInRows;
    private final int nodeId;
    /** When the mark is next written; the lane's writer thread only. */
    private long nextMillis = Long.MIN_VALUE;

    HeldMarkPhase(MessagesHeldInRows heldInRows, int nodeId) {
        this.heldInRows = heldInRows;
        this.nodeId = nodeId;
    }

    void apply(Connection connection, long nowMillis) throws SQLException {
        if (nowMillis < nextMillis || !heldInRows.isMarked()) {
            return;
        }
        nextMillis = nowMillis + INTERVAL_MILLIS;
        List<MessagesHeldInRows.Entry> stale = heldInRows.heldBefore(nowMillis - MessagesHeldInRows.STALE_MILLIS);
        stale.removeIf(entry -> !heldInRows.take(entry.msgId()));
        HeldMessages.insertHeld(connection, nodeId, stale);
        NodeMark.HELD_MESSAGES.write(connection, nodeId, heldInRows.mark(nowMillis));
    }
}
