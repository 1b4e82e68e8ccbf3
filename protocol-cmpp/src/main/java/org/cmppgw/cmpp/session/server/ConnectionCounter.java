package org.cmppgw.cmpp.session.server;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Logged-in connections per account across one server's event loops (CONNECT_RESP Status 5, "too many connections").
 * Touched once per login and once per close, so plain atomics are fine here.
 */
final class ConnectionCounter {
    private final ConcurrentHashMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    /** Counts one more connection for {@code account} unless it already has {@code max}. */
    boolean tryAcquire(String account, int max) {
        AtomicInteger count = counts.computeIfAbsent(account, k -> new AtomicInteger());
        while (true) {
            int current = count.get();
            if (current >= max) {
                return false;
            }
            if (count.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    void release(String account) {
        AtomicInteger count = counts.get(account);
        if (count != null) {
            count.decrementAndGet();
        }
    }

    int count(String account) {
        AtomicInteger count = counts.get(account);
        return count == null ? 0 : count.get();
    }
}
