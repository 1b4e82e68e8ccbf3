package org.cmppgw.cmpp.session;

/**
 * The per-connection Sequence_Id counter (docs/cmpp-protocol.md §3): starts at 1 or at the given first id, increments
 * by one and wraps from 0xFFFFFFFF back to 1, never 0. Each side numbers its own requests; a response copies the
 * request's id.
 *
 * <p>Not thread-safe by design: it belongs to one channel and is only touched on that channel's event loop. Skipping
 * ids that are still waiting for a response is the caller's job ({@link Window#contains(int)}).
 */
public final class SequenceIds {
    private int next;
    private boolean wrapped;

    /** A counter whose first id is 1. */
    public SequenceIds() {
        this(1);
    }

    /**
     * A counter whose first id is {@code first}, e.g. near the wrap point in tests.
     *
     * @throws IllegalArgumentException when {@code first} is 0
     */
    public SequenceIds(int first) {
        if (first == 0) {
            throw new IllegalArgumentException("first: 0 (expected: 1..0xFFFFFFFF)");
        }
        this.next = first;
    }

    /** Returns the next id (unsigned 32 bits in an {@code int}) and advances. */
    public int next() {
        int id = next;
        // 0xFFFFFFFF is -1 as an int; 0 is never handed out.
        if (id == -1) {
            next = 1;
            wrapped = true;
        } else {
            next = id + 1;
        }
        return id;
    }

    /**
     * Whether the counter went past 0xFFFFFFFF at least once: only then can an id still be in flight when it comes
     * round again, so only then is checking worth a lookup.
     */
    public boolean hasWrapped() {
        return wrapped;
    }

    /** The id {@link #next()} will return, without advancing. */
    public int peek() {
        return next;
    }
}
