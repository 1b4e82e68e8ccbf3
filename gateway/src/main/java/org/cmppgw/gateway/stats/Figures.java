package org.cmppgw.gateway.stats;

import java.util.Arrays;

/**
 * The counts of one rollup row, or of a sum of rows: the funnel (accepted, submitted, delivered, failed, no report)
 * and the latency histogram ({@link LatencyBuckets}). Filled while rows are summed, read afterwards; counts may go
 * below zero only inside a rollup step's deltas (a message that moved to another provider).
 */
public final class Figures {
    static final int ACCEPTED = 0;
    static final int SUBMITTED = 1;
    static final int DELIVERED = 2;
    static final int FAILED = 3;
    static final int NO_REPORT = 4;
    /** The first latency bucket's slot. */
    static final int LATENCY = 5;
    /** Slots in all: the column order of V22's stats_hour after its key. */
    static final int SLOTS = LATENCY + LatencyBuckets.COUNT;

    private final long[] slots = new long[SLOTS];

    void add(int slot, long n) {
        slots[slot] += n;
    }

    void add(Figures other) {
        for (int i = 0; i < SLOTS; i++) {
            slots[i] += other.slots[i];
        }
    }

    long slot(int i) {
        return slots[i];
    }

    boolean isZero() {
        for (long s : slots) {
            if (s != 0) {
                return false;
            }
        }
        return true;
    }

    public long accepted() {
        return slots[ACCEPTED];
    }

    public long submitted() {
        return slots[SUBMITTED];
    }

    public long delivered() {
        return slots[DELIVERED];
    }

    public long failed() {
        return slots[FAILED];
    }

    public long noReport() {
        return slots[NO_REPORT];
    }

    /** Messages per latency bucket (a copy). */
    public long[] latency() {
        return Arrays.copyOfRange(slots, LATENCY, SLOTS);
    }

    /** The bucket label of the {@code q} quantile of the latency, empty with no report. */
    public String latencyQuantile(double q) {
        return LatencyBuckets.quantileLabel(latency(), q);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Figures f && Arrays.equals(slots, f.slots);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(slots);
    }

    @Override
    public String toString() {
        return "Figures" + Arrays.toString(slots);
    }
}
