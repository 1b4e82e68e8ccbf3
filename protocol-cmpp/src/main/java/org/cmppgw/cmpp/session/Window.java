package org.cmppgw.cmpp.session;

import io.netty.util.collection.IntObjectHashMap;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The sliding window of one connection (docs/cmpp-protocol.md §12.1 W): at most {@link #capacity()} requests in flight,
 * keyed by Sequence_Id, each with a deadline. A full window refuses ({@link #tryAcquire} returns {@code false}); it
 * never parks a thread, so the caller queues upstream. Expiry is one periodic {@link #sweep} over the slots, as
 * cloudhopper's window monitor does, not a timer per request.
 *
 * <p>Not thread-safe by design: a window belongs to one channel and is only touched on its event loop. Slots are
 * allocated once; acquiring and completing allocate nothing (the int-keyed map does not box).
 *
 * @param <T> what the caller keeps per request (the session keeps the request and its listener)
 */
public final class Window<T> {
    private final int capacity;
    private final LongSupplier nanoClock;
    private final IntObjectHashMap<Slot<T>> byKey;
    private final List<Slot<T>> slots;
    /** Indexes of free slots, used as a stack. */
    private final int[] free;
    private int freeCount;

    /** A window read against {@link System#nanoTime()}. */
    public Window(int capacity) {
        this(capacity, System::nanoTime);
    }

    /**
     * @param capacity  the most requests in flight, 1..1024
     * @param nanoClock the time {@link #sweep(ExpiredVisitor)} and {@link #nanoTime()} use (inject a fake in tests)
     */
    public Window(int capacity, LongSupplier nanoClock) {
        if (capacity < 1 || capacity > CmppSessionConfig.MAX_WINDOW_SIZE) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: 1.."
                + CmppSessionConfig.MAX_WINDOW_SIZE + ")");
        }
        if (nanoClock == null) {
            throw new NullPointerException("nanoClock");
        }
        this.capacity = capacity;
        this.nanoClock = nanoClock;
        // Load factor 0.5 and room for twice the capacity: the map never rehashes.
        this.byKey = new IntObjectHashMap<>(capacity * 2, 0.5f);
        this.slots = new ArrayList<>(capacity);
        this.free = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            slots.add(new Slot<>(i));
            free[i] = capacity - 1 - i;
        }
        this.freeCount = capacity;
    }

    /**
     * Takes a slot for {@code key} unless the window is full.
     *
     * @param deadlineNanos when the entry expires, on this window's nano clock
     * @return {@code false} when the window is full (back-pressure; nothing changed)
     * @throws IllegalStateException when {@code key} is already in flight (a Sequence_Id reused too early is a bug)
     */
    public boolean tryAcquire(int key, T value, long deadlineNanos) {
        if (value == null) {
            throw new NullPointerException("value");
        }
        if (freeCount == 0) {
            return false;
        }
        Slot<T> slot = slots.get(free[freeCount - 1]);
        Slot<T> previous = byKey.put(key, slot);
        if (previous != null) {
            byKey.put(key, previous);
            throw new IllegalStateException("window - sequenceId " + Integer.toUnsignedString(key)
                + " is already in flight (inflight=" + size() + ", max=" + capacity + ")");
        }
        freeCount--;
        slot.used = true;
        slot.key = key;
        slot.value = value;
        slot.deadline = deadlineNanos;
        return true;
    }

    /**
     * Removes the entry for {@code key} and returns its value.
     *
     * @return the value, or {@code null} when nothing waits under {@code key} (a late or duplicate response)
     */
    public T complete(int key) {
        Slot<T> slot = byKey.remove(key);
        if (slot == null) {
            return null;
        }
        T value = slot.value;
        release(slot);
        return value;
    }

    /** The value waiting under {@code key}, or {@code null}; the entry stays. */
    public T get(int key) {
        Slot<T> slot = byKey.get(key);
        return slot == null ? null : slot.value;
    }

    public boolean contains(int key) {
        return byKey.containsKey(key);
    }

    /**
     * Visits every entry whose deadline is at or before {@code nowNanos}. The visitor decides each entry's fate: keep
     * it with a new deadline (after a resend) or remove it. The visitor must not modify this window.
     */
    public void sweep(long nowNanos, ExpiredVisitor<T> visitor) {
        for (int i = 0; i < capacity; i++) {
            Slot<T> slot = slots.get(i);
            // Overflow-safe: nanoTime values are only comparable by difference.
            if (!slot.used || slot.deadline - nowNanos > 0) {
                continue;
            }
            T value = slot.value;
            long keepFor = visitor.expired(slot.key, value, nowNanos);
            if (!slot.used || slot.value != value) {
                continue; // the visitor broke the contract and changed the window: leave the slot alone
            }
            if (keepFor > 0) {
                slot.deadline = nowNanos + keepFor;
            } else {
                byKey.remove(slot.key);
                release(slot);
            }
        }
    }

    /** {@link #sweep(long, ExpiredVisitor)} at this window's current {@link #nanoTime()}. */
    public void sweep(ExpiredVisitor<T> visitor) {
        sweep(nanoClock.getAsLong(), visitor);
    }

    /**
     * Empties the window, then hands every removed value to {@code action}, e.g. to fail requests when the connection
     * is gone. The window is already empty while {@code action} runs, so it may acquire again.
     */
    public void failAll(Consumer<? super T> action) {
        int inFlight = size();
        if (inFlight == 0) {
            return;
        }
        List<T> removed = new ArrayList<>(inFlight);
        for (int i = 0; i < capacity; i++) {
            Slot<T> slot = slots.get(i);
            if (slot.used) {
                removed.add(slot.value);
                release(slot);
            }
        }
        byKey.clear();
        for (int i = 0; i < removed.size(); i++) {
            action.accept(removed.get(i));
        }
    }

    /** Requests in flight. */
    public int size() {
        return capacity - freeCount;
    }

    public int capacity() {
        return capacity;
    }

    /** Free slots: how many more requests {@link #tryAcquire} would accept now. */
    public int available() {
        return freeCount;
    }

    public boolean isEmpty() {
        return freeCount == capacity;
    }

    /** The current time on this window's nano clock. */
    public long nanoTime() {
        return nanoClock.getAsLong();
    }

    @Override
    public String toString() {
        return "Window[inflight=" + size() + ", max=" + capacity + "]";
    }

    private void release(Slot<T> slot) {
        slot.used = false;
        slot.value = null;
        free[freeCount++] = slot.index;
    }

    /** What {@link #sweep} does with an expired entry. */
    @FunctionalInterface
    public interface ExpiredVisitor<T> {
        /**
         * Called for an entry whose deadline passed; the entry is still in the window.
         *
         * @return how many nanoseconds to keep the entry for (its new deadline is {@code nowNanos} plus that), or
         *     {@code 0} (or less) to remove it
         */
        long expired(int key, T value, long nowNanos);
    }

    private static final class Slot<T> {
        private final int index;
        private boolean used;
        private int key;
        private T value;
        private long deadline;

        Slot(int index) {
            this.index = index;
        }
    }
}
