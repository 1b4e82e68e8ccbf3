package org.cmppgw.simulator.ismg;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Reports waiting for their due time, in due order, bounded. Thread-safe: SUBMITs from every event loop add to it,
 * one periodic task takes the due ones. A priority heap behind one short lock: an offer or a poll is O(log n), a few
 * hundred nanoseconds at a million pending, so 50,000 reports a second cost a few percent of one core and need no
 * timer object per report.
 */
public final class ReportQueue {
    // Compare by difference: nanoTime values may wrap.
    private static final Comparator<PendingReport> BY_DUE = (a, b) -> Long.signum(a.dueNanos() - b.dueNanos());

    private final int capacity;
    private final PriorityQueue<PendingReport> heap;

    public ReportQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: >= 1)");
        }
        this.capacity = capacity;
        this.heap = new PriorityQueue<>(Math.min(capacity, 1024), BY_DUE);
    }

    /** Adds {@code report}; false when the queue is full (the caller counts the drop). */
    public synchronized boolean offer(PendingReport report) {
        if (heap.size() >= capacity) {
            return false;
        }
        heap.add(report);
        return true;
    }

    /** Takes up to {@code max} reports due at {@code nowNanos}, earliest first; an empty list when none is due. */
    public List<PendingReport> pollDue(long nowNanos, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max: " + max + " (expected: >= 1)");
        }
        List<PendingReport> due = null;
        synchronized (this) {
            for (PendingReport head = heap.peek(); head != null && head.dueNanos() - nowNanos <= 0;
                 head = heap.peek()) {
                if (due == null) {
                    due = new ArrayList<>(Math.min(max, heap.size()));
                }
                due.add(heap.poll());
                if (due.size() == max) {
                    break;
                }
            }
        }
        return due == null ? List.of() : due;
    }

    /** The due time of the earliest report, or {@code ifEmpty}: lets the caller sleep exactly until then. */
    public synchronized long nextDueNanos(long ifEmpty) {
        PendingReport head = heap.peek();
        return head == null ? ifEmpty : head.dueNanos();
    }

    public synchronized int size() {
        return heap.size();
    }

    public int capacity() {
        return capacity;
    }
}
