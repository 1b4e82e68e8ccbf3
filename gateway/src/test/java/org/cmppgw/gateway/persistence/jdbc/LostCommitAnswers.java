package org.cmppgw.gateway.persistence.jdbc;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A data source whose next COMMITs happen and then report the connection lost, as the MariaDB driver does when the
 * database node it wrote through is killed while the answer is on its way (a Galera failover).
 */
final class LostCommitAnswers {
    private LostCommitAnswers() {
    }

    /** {@code real}, except that the next {@code lost} commits on its connections lose their answers. */
    static DataSource of(DataSource real, AtomicInteger lost) {
        return of(real, lost, 0);
    }

    /**
     * As {@link #of(DataSource, AtomicInteger)}, and after each lost answer the next {@code unreachable} connections
     * cannot be had: the database stays unreachable a little longer, so whatever undoes the lost commit fails too.
     */
    static DataSource of(DataSource real, AtomicInteger lost, int unreachable) {
        AtomicInteger refused = new AtomicInteger();
        return proxy(DataSource.class, real, (method, args) -> {
            if (!method.getName().equals("getConnection")) {
                return method.invoke(real, args);
            }
            if (refused.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new SQLTransientConnectionException("test: the database is unreachable");
            }
            return connection((Connection) method.invoke(real, args), lost, () -> refused.set(unreachable));
        });
    }

    private static Connection connection(Connection real, AtomicInteger lost, Runnable afterLoss) {
        return proxy(Connection.class, real, (method, args) -> {
            Object result = method.invoke(real, args);
            if (method.getName().equals("commit") && lost.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                afterLoss.run();
                throw new SQLTransientConnectionException("Driver has reconnect connection after a communications"
                    + " link failure (test: the COMMIT happened, its answer was lost)");
            }
            return result;
        });
    }

    @FunctionalInterface
    private interface Call {
        Object on(java.lang.reflect.Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, T real, Call call) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            try {
                return call.on(method, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
