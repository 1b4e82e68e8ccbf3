package org.cmppgw.simulator.ismg;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live connections of each account, for sending reports and MO: reports go back on the SUBMIT's connection,
 * or on another one of the same account when that fault is on, or on any when the original has closed
 * (docs/cmpp-protocol.md §12.3: reports may arrive on any connection of the account). Generic in the connection handle
 * so it is tested without Netty; the glue uses its session type.
 *
 * <p>Thread-safe. Connections come and go rarely, so each account keeps a copy-on-write array; {@link #pick} reads
 * it without locking.
 *
 * @param <C> the connection handle
 */
public final class AccountConnections<C> {
    /** The id {@link #pick} takes when there is no preferred connection (MO). */
    public static final long NO_CONNECTION = 0;

    private final ConcurrentMap<String, Slots<C>> byAccount = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong();

    /** Adds a logged-in connection; returns its id (never {@link #NO_CONNECTION}). */
    public long register(String account, C connection) {
        Objects.requireNonNull(connection, "connection");
        long id = nextId.incrementAndGet();
        Slots<C> slots = byAccount.computeIfAbsent(account, a -> new Slots<>());
        synchronized (slots) {
            Entry<C>[] current = slots.entries;
            Entry<C>[] next = Arrays.copyOf(current, current.length + 1);
            next[current.length] = new Entry<>(id, connection);
            slots.entries = next;
        }
        return id;
    }

    /** Removes a closed connection; unknown ids are ignored. */
    public void unregister(String account, long id) {
        Slots<C> slots = byAccount.get(account);
        if (slots == null) {
            return;
        }
        synchronized (slots) {
            Entry<C>[] current = slots.entries;
            for (int i = 0; i < current.length; i++) {
                if (current[i].id() == id) {
                    Entry<C>[] next = Arrays.copyOf(current, current.length - 1);
                    System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                    slots.entries = next;
                    return;
                }
            }
        }
    }

    /** Live connections of {@code account}. */
    public int count(String account) {
        Slots<C> slots = byAccount.get(account);
        return slots == null ? 0 : slots.entries.length;
    }

    /**
     * A connection of {@code account} to send on, or null when it has none.
     *
     * @param preferredId    the connection to use if it is still there ({@link #NO_CONNECTION}: none)
     * @param avoidPreferred true: use another connection when the account has one (the "report on another
     *                       connection" fault); false: the preferred one, else round robin
     */
    public C pick(String account, long preferredId, boolean avoidPreferred) {
        Slots<C> slots = byAccount.get(account);
        if (slots == null) {
            return null;
        }
        Entry<C>[] entries = slots.entries;
        if (entries.length == 0) {
            return null;
        }
        if (entries.length == 1) {
            return entries[0].connection();
        }
        if (!avoidPreferred && preferredId != NO_CONNECTION) {
            for (Entry<C> entry : entries) {
                if (entry.id() == preferredId) {
                    return entry.connection();
                }
            }
        }
        int start = Math.floorMod(slots.roundRobin.getAndIncrement(), entries.length);
        for (int i = 0; i < entries.length; i++) {
            Entry<C> entry = entries[(start + i) % entries.length];
            if (!avoidPreferred || entry.id() != preferredId) {
                return entry.connection();
            }
        }
        return entries[start].connection();
    }

    private static final class Slots<C> {
        volatile Entry<C>[] entries = newEntries();
        final AtomicInteger roundRobin = new AtomicInteger();

        @SuppressWarnings("unchecked")
        private static <C> Entry<C>[] newEntries() {
            return (Entry<C>[]) new Entry<?>[0];
        }
    }

    private record Entry<C>(long id, C connection) {
    }
}
