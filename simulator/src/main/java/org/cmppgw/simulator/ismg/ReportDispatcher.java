package org.cmppgw.simulator.ismg;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;
import java.util.random.RandomGenerator;

/**
 * Moves status reports from the {@link ReportQueue} to connections (docs/cmpp-protocol.md §10.2, §12.3). One periodic
 * task calls {@link #dispatchDue}; it routes each due report to a connection of its account (the SUBMIT's own, another
 * one when {@code reportOnOtherConnection} is on, any when the own has closed), and hands the reports over grouped
 * per connection, so the glue does one event-loop hop per connection and tick instead of one per report. Reports
 * whose account has no connection wait and are tried again. The glue reports each DELIVER's outcome back:
 * {@link #acknowledged} (possibly sent once more as a duplicate) or {@link #unacknowledged} (sent again after
 * {@code resendUnackedReportsAfterMillis}, up to {@code maxReportSends} sends, with the same DELIVER Msg_Id).
 *
 * <p>Thread-safe: the queue is, and the rest is immutable or reads atomics.
 *
 * @param <C> the connection handle of {@link AccountConnections}
 */
public final class ReportDispatcher<C> {
    /** How long a report waits when its account has no connection, before it is tried again. */
    public static final long NO_CONNECTION_RETRY_MILLIS = 1000;
    /** How long a report waits when its connection has no room for it. */
    public static final long FULL_RETRY_MILLIS = 50;
    /** Reports taken from the queue at a time. */
    private static final int CHUNK = 512;
    /** Reports put back for lack of room after which one call gives up. */
    private static final int MAX_DEFERRED_PER_CALL = 256;
    private static final long NANOS_PER_MILLI = 1_000_000;

    private final ReportQueue queue;
    private final AccountConnections<C> connections;
    private final FaultConfig faults;
    private final RandomGenerator random;
    private final LongSupplier nanoClock;
    private final IsmgMetrics metrics;

    public ReportDispatcher(ReportQueue queue, AccountConnections<C> connections, FaultConfig faults,
                            RandomGenerator random, LongSupplier nanoClock, IsmgMetrics metrics) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.connections = Objects.requireNonNull(connections, "connections");
        this.faults = Objects.requireNonNull(faults, "faults");
        this.random = Objects.requireNonNull(random, "random");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Queues reports for later; a report that does not fit is dropped and counted. Returns how many fitted. */
    public int schedule(List<PendingReport> reports) {
        int accepted = 0;
        for (PendingReport report : reports) {
            if (queue.offer(report)) {
                accepted++;
            } else {
                metrics.reportDropped(report.account(), IsmgMetrics.DROP_QUEUE_FULL);
            }
        }
        return accepted;
    }

    /**
     * Hands out up to {@code max} due reports, grouped by connection; each handed-out report has its send counted
     * ({@link PendingReport#sends()}). Returns how many were handed out.
     *
     * @param deliver called once per connection with its reports, in due order; must not block (hop to the
     *                connection's event loop and send there)
     */
    public int dispatchDue(int max, BiConsumer<C, List<PendingReport>> deliver) {
        return dispatchDue(max, connection -> Integer.MAX_VALUE, deliver);
    }

    /**
     * As {@link #dispatchDue(int, BiConsumer)}, but a connection takes at most {@code room} reports per call: the
     * rest of its due reports wait {@value #FULL_RETRY_MILLIS} ms in the queue, uncounted, so a slow SP holds its
     * reports here instead of in memory on the connection. Reports are polled in chunks, and a call stops after
     * {@value #MAX_DEFERRED_PER_CALL} such deferrals, so a stalled SP costs each call a bounded amount of work.
     *
     * @param room how many more reports a connection can take now; asked once per connection and call
     */
    public int dispatchDue(int max, ToIntFunction<C> room, BiConsumer<C, List<PendingReport>> deliver) {
        long now = nanoClock.getAsLong();
        Map<C, Batch> batches = null;
        int handedOut = 0;
        int deferred = 0;
        while (handedOut < max && deferred < MAX_DEFERRED_PER_CALL) {
            List<PendingReport> due = queue.pollDue(now, Math.min(CHUNK, max - handedOut));
            if (due.isEmpty()) {
                break;
            }
            for (PendingReport report : due) {
                C connection = connections.pick(report.account(), report.originConnection(),
                    faults.reportOnOtherConnection());
                if (connection == null) {
                    requeue(report.dueAt(now + NO_CONNECTION_RETRY_MILLIS * NANOS_PER_MILLI));
                    continue;
                }
                if (batches == null) {
                    batches = new IdentityHashMap<>();
                }
                Batch batch = batches.computeIfAbsent(connection, c -> new Batch(room.applyAsInt(c)));
                if (batch.reports.size() >= batch.room) {
                    requeue(report.dueAt(now + FULL_RETRY_MILLIS * NANOS_PER_MILLI));
                    deferred++;
                    continue;
                }
                batch.reports.add(handOut(report));
                handedOut++;
            }
        }
        if (batches != null) {
            batches.forEach((connection, batch) -> {
                if (!batch.reports.isEmpty()) {
                    deliver.accept(connection, batch.reports);
                }
            });
        }
        return handedOut;
    }

    /**
     * Counts a send of a report the glue delivers directly, bypassing the queue (report before SUBMIT_RESP), and
     * returns it with the send counted, ready for {@link #acknowledged} / {@link #unacknowledged}.
     */
    public PendingReport handOut(PendingReport report) {
        PendingReport sent = report.sent();
        countSend(sent);
        return sent;
    }

    /**
     * The DELIVER of {@code report} was answered. With {@code duplicateReportShare} > 0 some reports are sent
     * once more after the re-send delay, as a carrier that missed the DELIVER_RESP would.
     */
    public void acknowledged(PendingReport report) {
        double share = faults.duplicateReportShare();
        if (share > 0 && report.sends() < faults.maxReportSends() && random.nextDouble() < share) {
            requeue(report.dueAt(nanoClock.getAsLong() + resendDelayNanos()));
        }
    }

    /**
     * The DELIVER of {@code report} went unanswered (timeout, connection closed, or it could not be sent): send it
     * again later unless re-sending is off or it has used up its sends. Returns true when it will be re-sent.
     */
    public boolean unacknowledged(PendingReport report) {
        if (faults.resendUnackedReportsAfterMillis() == 0 || report.sends() >= faults.maxReportSends()) {
            metrics.reportDropped(report.account(), IsmgMetrics.DROP_MAX_SENDS);
            return false;
        }
        return requeue(report.dueAt(nanoClock.getAsLong() + resendDelayNanos()));
    }

    /** When the next report is due, or {@code ifEmpty}. */
    public long nextDueNanos(long ifEmpty) {
        return queue.nextDueNanos(ifEmpty);
    }

    public int pending() {
        return queue.size();
    }

    private void countSend(PendingReport sent) {
        if (sent.sends() == 1) {
            metrics.reportSent(sent.account(), sent.stat());
        } else {
            metrics.reportResent(sent.account());
        }
    }

    private long resendDelayNanos() {
        return Math.max(1, faults.resendUnackedReportsAfterMillis()) * NANOS_PER_MILLI;
    }

    private boolean requeue(PendingReport report) {
        if (queue.offer(report)) {
            return true;
        }
        metrics.reportDropped(report.account(), IsmgMetrics.DROP_QUEUE_FULL);
        return false;
    }

    /** One connection's reports of one call, and how many it can take. */
    private static final class Batch {
        final int room;
        final List<PendingReport> reports = new ArrayList<>();

        Batch(int room) {
            this.room = room;
        }
    }
}
