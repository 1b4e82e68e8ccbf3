package org.cmppgw.gateway.persistence;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * More work in the transaction that stores one accept, after its messages are inserted: what must be durable
 * together with them or not at all (a scheduled send marked sent with its recipients' msg ids).
 */
@FunctionalInterface
public interface AcceptHook {
    /**
     * @param msgIds   the msg id of each message of the accept, in order
     * @param verdicts each message's verdict: 0 stored, else the JSMS code that refused it (not stored)
     * @return 0 to keep the accept; else the code every message of it is refused with: its messages are removed in
     *         the same transaction, as if never stored
     */
    int apply(Connection connection, long[] msgIds, int[] verdicts) throws SQLException;

    /**
     * This work, then {@code next} when this one kept the accept: a refusal of this one wins and {@code next} never
     * runs (the accept is undone anyway, so nothing {@code next} would write must outlive it).
     */
    default AcceptHook andThen(AcceptHook next) {
        return (connection, msgIds, verdicts) -> {
            int refused = apply(connection, msgIds, verdicts);
            return refused != 0 ? refused : next.apply(connection, msgIds, verdicts);
        };
    }
}
