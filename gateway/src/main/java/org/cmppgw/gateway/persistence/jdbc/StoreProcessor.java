package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.persistence.BatchWriter;
import org.cmppgw.gateway.persistence.Write;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Applies one batch of store writes inside the writer's transaction, phase by phase in a fixed order: accepts and MOs,
 * submit outcomes (which may match parked reports), reports, explicit finals and parked sweeps, then the
 * {@link Finalizer} over every event gathered so far, then outbox updates, claims and pulls. New callbacks of a
 * committed batch are handed on by {@link #committed()}. The order lets a report
 * match a submit recorded in the same batch and a claim see the outbox rows the batch created.
 */
final class StoreProcessor implements BatchWriter.Processor {
    private final Clock clock;
    private final AcceptPhase accepts;
    private final MoPhase mos;
    private final ReportPhase reports;
    private final SubmitPhase submits;
    private final Finalizer finalizer;
    private final OutboxPhase outbox;
    private final PullPhase pulls;
    private final NewCallbacks newCallbacks;
    private final Supplier<NewCallbacks.Handoff> handoff;

    /**
     * @param outboxIds ids of new callback outbox rows (shared by every lane of the node)
     * @param handoff   where new callbacks go after the commit, read once per batch (null: due at once)
     */
    StoreProcessor(Dialect dialect, int nodeId, Clock clock, MessageIdGenerator outboxIds,
                   Supplier<NewCallbacks.Handoff> handoff) {
        this.clock = clock;
        this.newCallbacks = new NewCallbacks(outboxIds);
        this.handoff = handoff;
        this.accepts = new AcceptPhase(nodeId);
        this.mos = new MoPhase(dialect);
        this.reports = new ReportPhase(dialect);
        this.submits = new SubmitPhase(dialect, reports);
        this.finalizer = new Finalizer(dialect);
        this.outbox = new OutboxPhase(dialect);
        this.pulls = new PullPhase(dialect);
    }

    @Override
    public void process(Connection connection, List<Write<?>> writes) throws SQLException {
        long now = clock.millis();
        newCallbacks.begin(handoff.get());
        Sorted s = new Sorted(writes);
        if (!s.accepts.isEmpty()) {
            accepts.apply(connection, s.accepts);
        }
        if (!s.mos.isEmpty()) {
            mos.apply(connection, s.mos, now, newCallbacks);
        }
        List<PartEvent> events = new ArrayList<>();
        if (!s.submits.isEmpty()) {
            submits.apply(connection, s.submits, events);
        }
        if (!s.reports.isEmpty()) {
            reports.apply(connection, s.reports, now, events);
        }
        for (StoreWrites.Final f : s.finals) {
            boolean delivered = f.status == MessageStatus.DELIVERED;
            events.add(new PartEvent(f.msgId, PartEvent.WHOLE_MESSAGE, delivered, f.stat, "", 0, f.atMillis, f));
        }
        for (StoreWrites.MatchParked sweep : s.sweeps) {
            sweep.resolve(reports.sweep(connection, sweep.max, events));
        }
        finalizer.apply(connection, events, now, newCallbacks);
        if (!s.callbacksDone.isEmpty()) {
            outbox.finish(connection, s.callbacksDone);
        }
        for (StoreWrites.Claim claim : s.claims) {
            outbox.claim(connection, claim, now);
        }
        for (StoreWrites.PullReports pull : s.reportPulls) {
            pulls.pullReports(connection, pull);
        }
        for (StoreWrites.PullReplies pull : s.replyPulls) {
            pulls.pullReplies(connection, pull);
        }
    }

    @Override
    public void committed() {
        newCallbacks.committed();
    }

    /** A batch split by write class, each list in queue order. */
    private static final class Sorted {
        final List<StoreWrites.Accept> accepts = new ArrayList<>();
        final List<StoreWrites.StoreMo> mos = new ArrayList<>();
        final List<StoreWrites.Submitted> submits = new ArrayList<>();
        final List<StoreWrites.Report> reports = new ArrayList<>();
        final List<StoreWrites.Final> finals = new ArrayList<>();
        final List<StoreWrites.MatchParked> sweeps = new ArrayList<>();
        final List<StoreWrites.CallbackDone> callbacksDone = new ArrayList<>();
        final List<StoreWrites.Claim> claims = new ArrayList<>();
        final List<StoreWrites.PullReports> reportPulls = new ArrayList<>();
        final List<StoreWrites.PullReplies> replyPulls = new ArrayList<>();

        Sorted(List<Write<?>> writes) {
            for (Write<?> w : writes) {
                if (w instanceof StoreWrites.Accept a) {
                    accepts.add(a);
                } else if (w instanceof StoreWrites.StoreMo m) {
                    mos.add(m);
                } else if (w instanceof StoreWrites.Submitted s) {
                    submits.add(s);
                } else if (w instanceof StoreWrites.Report r) {
                    reports.add(r);
                } else if (w instanceof StoreWrites.Final f) {
                    finals.add(f);
                } else if (w instanceof StoreWrites.MatchParked p) {
                    sweeps.add(p);
                } else if (w instanceof StoreWrites.CallbackDone d) {
                    callbacksDone.add(d);
                } else if (w instanceof StoreWrites.Claim c) {
                    claims.add(c);
                } else if (w instanceof StoreWrites.PullReports p) {
                    reportPulls.add(p);
                } else if (w instanceof StoreWrites.PullReplies p) {
                    replyPulls.add(p);
                } else {
                    throw new IllegalArgumentException(
                        "write: " + w.getClass().getName() + " (expected: a store write)");
                }
            }
        }
    }
}
