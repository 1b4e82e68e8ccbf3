package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.callback.outbox.CallbackFilter;
import org.cmppgw.gateway.callback.outbox.NewCallbacks;
import org.cmppgw.gateway.callback.outbox.ReportsHeldInFinals;
import org.cmppgw.gateway.correlation.Finalizer;
import org.cmppgw.gateway.correlation.PartEvent;
import org.cmppgw.gateway.correlation.ReportPhase;
import org.cmppgw.gateway.correlation.SubmitPhase;
import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.model.SubmitOutcome;
import org.cmppgw.gateway.persistence.sql.Dialect;
import org.cmppgw.gateway.persistence.sql.MessagesHeldInRows;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The status lane's processor: applies one batch of {@link StatusWrite}s inside the writer's transaction, phase by
 * phase in a fixed order: MOs, submit outcomes (which may match parked reports), reports, withdraws
 * ({@link WithdrawPhase}), explicit finals and parked sweeps, then the {@link Finalizer} over every event gathered so
 * far, the refunds of explicit finals ({@link BalanceRefunds}), then pulls; last, now and then, the mark of the
 * messages this node holds in their rows ({@link HeldMarkPhase}). The order lets a report match a submit
 * recorded in the same batch, and a pull see the finals the batch made. The outbox rows the batch creates are
 * handed on after the commit by {@link #committed()} (see {@link NewCallbacks}), and the submits it recorded are
 * matched from memory from then on ({@link ReportPhase#committed()}).
 */
final class StatusLane extends LaneProcessor<StatusWrite<?>, StatusLane.Batch> {
    private final MoPhase mos;
    private final ReportPhase reports;
    private final SubmitPhase submits;
    private final Finalizer finalizer;
    private final PullPhase pulls;
    private final WithdrawPhase withdrawals;
    private final HeldMarkPhase heldMark;
    private final MessagesHeldInRows heldInRows;
    private final BalanceRefunds refunds = new BalanceRefunds();
    private final NewCallbacks newCallbacks;
    private final Supplier<NewCallbacks.Handoff> handoff;

    /** One batch sorted by write type, each list in queue order. */
    static final class Batch {
        final List<StatusWrite.StoreMo> mos = new ArrayList<>();
        final List<SubmitOutcome> submits = new ArrayList<>();
        final List<StatusWrite.Report> reports = new ArrayList<>();
        final List<PartEvent> finals = new ArrayList<>();
        final List<StatusWrite.MatchParked> sweeps = new ArrayList<>();
        final List<StatusWrite.Withdraw> withdraws = new ArrayList<>();
        final List<StatusWrite.PullReports> reportPulls = new ArrayList<>();
        final List<StatusWrite.PullReplies> replyPulls = new ArrayList<>();
    }

    /**
     * @param outboxIds ids of new callback outbox rows (unique on this node)
     * @param handoff   where new callbacks go after the commit, read once per batch (null: due at once)
     * @param filter    which callbacks are made at all
     * @param finals    the report callbacks this node holds in final rows
     * @param heldInRows the messages this node holds in their rows, taken out as they leave the queue
     * @param nodeId    this node
     * @param unsubscribing whether an MO's text unsubscribes its mobile from its app's marketing
     */
    StatusLane(Dialect dialect, Clock clock, MessageIdGenerator outboxIds, Supplier<NewCallbacks.Handoff> handoff,
               CallbackFilter filter, ReportsHeldInFinals finals, MessagesHeldInRows heldInRows, int nodeId,
               Predicate<String> unsubscribing) {
        super(clock, Batch::new);
        this.newCallbacks = new NewCallbacks(outboxIds, filter, finals);
        this.handoff = handoff;
        this.mos = new MoPhase(dialect, unsubscribing);
        this.reports = new ReportPhase(dialect);
        this.submits = new SubmitPhase(dialect, reports, heldInRows);
        this.finalizer = new Finalizer(dialect, heldInRows);
        this.pulls = new PullPhase(dialect);
        this.withdrawals = new WithdrawPhase(dialect, heldInRows, nodeId);
        this.heldMark = new HeldMarkPhase(heldInRows, nodeId);
        this.heldInRows = heldInRows;
    }

    @Override
    void apply(Connection connection, Batch b, long nowMillis) throws SQLException {
        newCallbacks.begin(handoff.get());
        reports.begin();
        heldInRows.begin();
        if (!b.mos.isEmpty()) {
            mos.apply(connection, b.mos, nowMillis, newCallbacks);
        }
        List<PartEvent> events = new ArrayList<>();
        if (!b.submits.isEmpty()) {
            submits.apply(connection, b.submits, events);
        }
        if (!b.reports.isEmpty()) {
            reports.apply(connection, b.reports, nowMillis, events);
        }
        if (!b.withdraws.isEmpty()) {
            // before the finals are gathered: a withdrawn message's final is one of them, and is refunded with them
            withdrawals.apply(connection, b.withdraws, nowMillis, b.finals);
        }
        events.addAll(b.finals);
        for (StatusWrite.MatchParked sweep : b.sweeps) {
            sweep.resolve(reports.sweep(connection, sweep.max, events));
        }
        finalizer.apply(connection, events, nowMillis, newCallbacks);
        if (!b.finals.isEmpty()) {
            refunds.apply(connection, b.finals, nowMillis);
        }
        for (StatusWrite.PullReports pull : b.reportPulls) {
            pulls.pullReports(connection, pull);
        }
        for (StatusWrite.PullReplies pull : b.replyPulls) {
            pulls.pullReplies(connection, pull);
        }
        // last: its node row is locked only at the end, as the outbox lane's mark is, so the two never wait in a cycle
        heldMark.apply(connection, nowMillis);
    }

    @Override
    public void committed() {
        newCallbacks.committed();
        reports.committed();
        heldInRows.committed();
    }
}
