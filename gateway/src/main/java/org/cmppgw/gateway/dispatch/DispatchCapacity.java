package org.cmppgw.gateway.dispatch;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many accepted messages may be in the sending path's memory at once (queued, in a window, or waiting for their
 * outcomes to be stored): {@code limits.dispatchQueueCapacity}. A fresh message reserves a unit before it is stored and
 * goes from the accept straight to its provider; when there is none it waits in the store, and the {@link QueueRefill}
 * claims it when units free (docs/design.md §3, "the store is the queue"). A message gives its unit back when every
 * part's outcome is durable. Lock-free.
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
        return tryReserve(count, capacity);
    }

    /**
     * Takes {@code count} units if that leaves no more than {@code ceiling} in use (a ceiling below the capacity keeps
     * the rest for urgent messages); never waits.
     */
    public boolean tryReserve(int count, int ceiling) {
        if (count < 1) {
            throw new IllegalArgumentException("count: " + count + " (expected: >= 1)");
        }
        int limit = Math.min(ceiling, capacity);
        while (true) {
            int used = inUse.get();
            if (used > limit - count) {
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
