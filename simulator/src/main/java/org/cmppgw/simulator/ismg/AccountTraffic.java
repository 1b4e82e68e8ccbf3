package org.cmppgw.simulator.ismg;

import org.cmppgw.cmpp.pdu.CmppSubmit;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * One account's traffic since the ISMG started: what CMPP_QUERY answers (docs/cmpp-protocol.md §7.6, §7.7) and what
 * tests read through {@link IsmgServer#traffic(String)}. Counted from every event loop at once, hence
 * {@link LongAdder}s: an add is uncontended even at tens of thousands of SUBMITs a second. Thread-safe.
 */
public final class AccountTraffic {
    private final LongAdder submits = new LongAdder();
    private final LongAdder destinations = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder reportsAcknowledged = new LongAdder();
    private final LongAdder reportsUnacknowledged = new LongAdder();
    private final LongAdder moAcknowledged = new LongAdder();
    private final LongAdder moFailed = new LongAdder();
    /** The last SUBMITs kept for tests that read what was sent ({@link #keepSubmits}); guarded by itself. */
    private final ArrayDeque<CmppSubmit> recent = new ArrayDeque<>();
    private volatile int keep;

    /** A SUBMIT to {@code destinationCount} numbers was answered with Result 0 ({@code ok}) or another Result. */
    void submitted(int destinationCount, boolean ok) {
        submits.increment();
        destinations.add(destinationCount);
        (ok ? accepted : rejected).increment();
    }

    /**
     * Keeps the last {@code count} SUBMITs for {@link #recentSubmits}; 0, the default, keeps none (one volatile read
     * per SUBMIT).
     */
    public void keepSubmits(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count: " + count + " (expected: >= 0)");
        }
        keep = count;
    }

    /** A SUBMIT arrived: kept when a test asked for it. */
    void received(CmppSubmit submit) {
        int max = keep;
        if (max == 0) {
            return;
        }
        synchronized (recent) {
            recent.addLast(submit);
            while (recent.size() > max) {
                recent.removeFirst();
            }
        }
    }

    /** The SUBMITs kept ({@link #keepSubmits}), oldest first. */
    public List<CmppSubmit> recentSubmits() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    /** The SP answered a report's DELIVER with Result 0. */
    void reportAcknowledged() {
        reportsAcknowledged.increment();
    }

    /** A report's DELIVER went unanswered, was refused, or could not be sent. */
    void reportUnacknowledged() {
        reportsUnacknowledged.increment();
    }

    /** The SP answered an MO DELIVER with Result 0. */
    void moAcknowledged() {
        moAcknowledged.increment();
    }

    /** An MO DELIVER was refused, went unanswered, or its connection closed first (MO is not re-sent). */
    void moFailed() {
        moFailed.increment();
    }

    /** The counters now; each is read on its own, so a snapshot taken under load is approximate. */
    public Snapshot snapshot() {
        return new Snapshot(submits.sum(), destinations.sum(), accepted.sum(), rejected.sum(),
            reportsAcknowledged.sum(), reportsUnacknowledged.sum(), moAcknowledged.sum(), moFailed.sum());
    }

    /**
     * Counters of one account.
     *
     * @param submits               SUBMITs received (QUERY_RESP MT_TLMsg)
     * @param destinations          destinations addressed by them (MT_Tlusr)
     * @param accepted              SUBMITs answered with Result 0 (MT_Scs)
     * @param rejected              SUBMITs answered with another Result, flow control included (MT_FL)
     * @param reportsAcknowledged   report DELIVERs the SP answered with Result 0
     * @param reportsUnacknowledged report DELIVER sends that failed (timeout, refusal, closed connection)
     * @param moAcknowledged        MO DELIVERs the SP answered with Result 0 (MO_Scs)
     * @param moFailed              MO DELIVERs that failed (MO_FL)
     */
    public record Snapshot(long submits, long destinations, long accepted, long rejected, long reportsAcknowledged,
                           long reportsUnacknowledged, long moAcknowledged, long moFailed) {
    }
}
