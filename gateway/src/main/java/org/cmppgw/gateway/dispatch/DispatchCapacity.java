package org.cmppgw.gateway.dispatch;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many accepted messages may be in the sending path's memory at once (queued, in a window, or waiting for their
 * outcomes to be stored): {@code limits.dispatchQueueCapacity}. The intake reserves before it even asks the store, and
 * refuses at once when full, so the API answers 503 instead of the heap growing (docs/design.md §3, back-pressure). A
 * message gives its unit back when every part's outcome is durable. Lock-free.
 */
public final class DispatchCapacity {
    private final int capacity;
    private final AtomicInteger inUse = new AtomicInteger();

    public DispatchCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: >= 1)");
        }
        this.capacity = capacity;
    }

    /** Takes {@code count} units if all of them are free; never waits. */
    public boolean tryReserve(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count: " + count + " (expected: >= 1)");
        }
        while (true) {
            int used = inUse.get();
            if (used > capacity - count) {
                return false;
            }
            if (inUse.compareAndSet(used, used + count)) {
                return true;
            }
        }
    }

    /** Gives back {@code count} units. */
    public void release(int count) {
        int left = inUse.addAndGet(-count);
        if (left < 0) {
            throw new IllegalStateException("dispatch capacity - released more than reserved (inUse=" + left + ")");
        }
    }

    public int inUse() {
        return inUse.get();
    }

    public int capacity() {
        return capacity;
    }

    @Override
    public String toString() {
        return "DispatchCapacity[" + inUse.get() + "/" + capacity + "]";
    }
}
