package org.cmppgw.gateway.persistence;

import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Tells a store failure that a later try of the same write can cure from one that it cannot: the store overloaded, no
 * connection, a connection lost or replaced mid-transaction (a database failover: the driver moves to the next host
 * of a {@code sequential} URL and reports the transaction as lost), a deadlock or a lock wait timeout. A constraint
 * violation or bad data is not: it fails the same way every time.
 */
public final class TransientFailures {
    private TransientFailures() {
    }

    /** Whether {@code error}, or a cause of it, is a failure a retry of the same write may get past. */
    public static boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof StoreOverloadedException || t instanceof SQLTransientException
                || t instanceof SQLRecoverableException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
