package org.cmppgw.gateway.provider.cmpp;

import java.util.ArrayDeque;

/**
 * Parts whose session ended before they had an outcome, waiting to go again on a session known to be alive after
 * that: one that logged in, or whose carrier answered a SUBMIT it sent, after the part was lost ({@link SessionLife}).
 * When a carrier's ISMG dies, every connection of the account breaks within milliseconds, but not at the same instant:
 * a part sent again at once would go to a connection that is already dead and not yet noticed, lose its one resend
 * (docs/cmpp-protocol.md §12.3) and end as unknown although the carrier never saw it. Waiting for proof of life costs
 * nothing on a healthy account (its other sessions hear responses all the time) and, after a carrier restart, sends
 * the parts on the new sessions.
 *
 * <p>Rare and small, so one lock; {@link #isEmpty()} is a volatile read for the hot path.
 */
final class LostParts {
    private final ArrayDeque<PartTask> parts = new ArrayDeque<>();
    private volatile int size;

    /** {@code task}'s session ended at {@code lostAtNanos} with the part in flight or waiting to go again. */
    synchronized void add(PartTask task, long lostAtNanos) {
        task.lostAtNanos = lostAtNanos;
        parts.offer(task);
        size = parts.size();
    }

    /** The oldest lost part, if a session alive since {@code aliveSinceNanos} may send it; else {@code null}. */
    synchronized PartTask pollFor(long aliveSinceNanos) {
        PartTask head = parts.peek();
        if (head == null || head.lostAtNanos - aliveSinceNanos >= 0) {
            return null;
        }
        parts.poll();
        size = parts.size();
        return head;
    }

    boolean isEmpty() {
        return size == 0;
    }
}
