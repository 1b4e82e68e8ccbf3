package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.correlation.PartEvent;
import org.cmppgw.gateway.correlation.ReportPhase;
import org.cmppgw.gateway.model.CarrierReport;
import org.cmppgw.gateway.model.FinalReport;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.model.MoMessage;
import org.cmppgw.gateway.model.ReportOutcome;
import org.cmppgw.gateway.model.SubmitOutcome;
import org.cmppgw.gateway.model.WithdrawOutcome;
import org.cmppgw.gateway.persistence.StoreException;
import org.cmppgw.gateway.persistence.Write;

import java.util.List;

/**
 * The writes of the status lane ({@link JdbcMessageStore.Lane#STATUS}), one class each: everything the carrier side
 * records, and the pulls. Each adds itself to the {@link StatusLane.Batch}.
 *
 * @param <R> the result type
 */
abstract sealed class StatusWrite<R> extends Write<R> implements LaneWrite<StatusLane.Batch> {
    static final class Submitted extends StatusWrite<Void> {
        final List<SubmitOutcome> outcomes;

        Submitted(List<SubmitOutcome> outcomes) {
            this.outcomes = List.copyOf(outcomes);
        }

        @Override
        public int weight() {
            return Math.max(1, outcomes.size());
        }

        @Override
        public void addTo(StatusLane.Batch batch) {
            batch.submits.addAll(outcomes);
        }
    }

    static final class Report extends StatusWrite<ReportOutcome> implements ReportPhase.Pending {
        final CarrierReport report;

        Report(CarrierReport report) {
            this.report = report;
        }

        @Override
        public CarrierReport report() {
            return report;
        }

        @Override
        public void outcome(ReportOutcome outcome) {
            // A submit recorded for a message that does not exist: nothing to update.
            resolve(outcome == null ? ReportOutcome.DUPLICATE : outcome);
        }

        @Override
        public void addTo(StatusLane.Batch batch) {
            batch.reports.add(this);
        }
    }

    static final class Final extends StatusWrite<Boolean> implements PartEvent.OutcomeSink {
        final long msgId;
        final MessageStatus status;
        final String stat;
        final long atMillis;

        Final(long msgId, MessageStatus status, String stat, long atMillis) {
            this.msgId = msgId;
            this.status = status;
            this.stat = stat;
            this.atMillis = atMillis;
        }

        @Override
        public void outcome(ReportOutcome outcome) {
            if (outcome == null) {
                throw new StoreException("store - recordFinal of an unknown message (msgId=" + msgId + ")");
            }
            resolve(outcome == ReportOutcome.FINAL);
        }

        @Override
        public void addTo(StatusLane.Batch batch) {
            boolean delivered = status == MessageStatus.DELIVERED;
            batch.finals.add(new PartEvent(msgId, PartEvent.WHOLE_MESSAGE, delivered, stat, "", 0, atMillis, this));
        }
    }

    /** A withdraw of one waiting message (docs/api.md "Withdraw"), decided by the {@link WithdrawPhase}. */
    static final class Withdraw extends StatusWrite<WithdrawOutcome> {
        /** {@link #heldBy} of a withdraw of a message waiting in the store. */
        static final int WAITING = -1;
        final long msgId;
        final String appKey;
        /** The node that took the message out of its memory for this withdraw, or {@link #WAITING}. */
        final int heldBy;

        Withdraw(long msgId, String appKey, int heldBy) {
            this.msgId = msgId;
            this.appKey = appKey;
            this.heldBy = heldBy;
        }

        @Override
        public void addTo(StatusLane.Batch batch) {
            batch.withdraws.add(this);
        }
    }

    static final class MatchParked extends StatusWrite<Integer> {
        final int max;

        MatchParked(int max) {
            this.max = max;
        }

        @Override
        public void addTo(StatusLane.Batch batch) {
            batch.sweeps.add(this);
        }
    }

    static final class StoreMo extends StatusWrite<Boolean> {
        final MoMessage mo;

        StoreMo(MoMessage mo) {
            this.mo = mo;
        }

        @Override
        public void addTo(StatusLane.Batch batch) {
            batch.mos.add(this);
        }
    }

    static final class PullReports extends StatusWrite<List<FinalReport>> {
        final String appKey;
        final int max;

        PullReports(String appKey, int max) {
            this.appKey = appKey;
            this.max = max;
        }

        @Override
        public void addTo(StatusLane.Batch batch) {
            batch.reportPulls.add(this);
        }
    }

    static final class PullReplies extends StatusWrite<List<MoMessage>> {
        final String appKey;
        final int max;

        PullReplies(String appKey, int max) {
            this.appKey = appKey;
            this.max = max;
        }

        @Override
        public void addTo(StatusLane.Batch batch) {
            batch.replyPulls.add(this);
        }
    }
}
