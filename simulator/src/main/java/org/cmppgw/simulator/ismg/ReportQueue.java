package org.cmppgw.simulator.ismg;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Reports waiting for their due time, in due order, bounded. Thread-safe: SUBMITs from every event loop add to it,
 * one periodic task takes the due ones, behind one short lock and with no timer object per report. A report due no
 * earlier than {@value #IN_ORDER_SLACK_NANOS} ns before the last one in order joins a FIFO in O(1); only one due
 * earlier goes to a priority heap (O(log n)). With a fixed report delay every report is in order but for the few
 * microseconds by which SUBMITs on different event loops reach the lock out of turn, and the slack takes those too:
 * such a report may go out that much after its due time. The heap's polls took 6% of the gateway's CPU, embedded
 * simulator included, at 5,000 msg/s.
 */
public final class ReportQueue {
    // Compare by difference: nanoTime values may wrap.
    private static final Comparator<PendingReport> BY_DUE = (a, b) -> Long.signum(a.dueNanos() - b.dueNanos());

    /** How much earlier than the FIFO's last report a report may be due and still join the FIFO. */
    static final long IN_ORDER_SLACK_NANOS = 2_000_000;

    private final int capacity;
    /** Reports in due order, each due no earlier than the one before. */
    private final ArrayDeque<PendingReport> inOrder = new ArrayDeque<>();
    /** The reports that came due earlier than {@link #inOrder}'s last. */
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
        if (size() >= capacity) {
            return false;
        }
        PendingReport last = inOrder.peekLast();
        if (last == null || report.dueNanos() - last.dueNanos() >= -IN_ORDER_SLACK_NANOS) {
            inOrder.addLast(report);
        } else {
            heap.add(report);
        }
        return true;
    }

    /** Takes up to {@code max} reports due at {@code nowNanos}, earliest first; an empty list when none is due. */
    public List<PendingReport> pollDue(long nowNanos, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max: " + max + " (expected: >= 1)");
        }
        List<PendingReport> due = null;
        synchronized (this) {
            for (PendingReport head = earliest(); head != null && head.dueNanos() - nowNanos <= 0;
                 head = earliest()) {
                if (due == null) {
                    due = new ArrayList<>(Math.min(max, size()));
                }
                due.add(head == inOrder.peekFirst() ? inOrder.pollFirst() : heap.poll());
                if (due.size() == max) {
                    break;
                }
            }
        }
        return due == null ? List.of() : due;
    }

    /** The due time of the earliest report, or {@code ifEmpty}: lets the caller sleep exactly until then. */
    public synchronized long nextDueNanos(long ifEmpty) {
        PendingReport head = earliest();
        return head == null ? ifEmpty : head.dueNanos();
    }

    public synchronized int size() {
        return inOrder.size() + heap.size();
    }

    /** The head of whichever holds the earlier report (the FIFO on a tie), or null when both are empty. */
    private PendingReport earliest() {
        PendingReport first = inOrder.peekFirst();
        PendingReport top = heap.peek();
        if (first == null || top == null) {
            return first == null ? top : first;
        }
        return BY_DUE.compare(top, first) < 0 ? top : first;
    }

    public int capacity() {
        return capacity;
    }
}
