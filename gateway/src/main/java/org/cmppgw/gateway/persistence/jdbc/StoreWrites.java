package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.model.CallbackTask;
import org.cmppgw.gateway.model.CarrierReport;
import org.cmppgw.gateway.model.FinalReport;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.model.MoMessage;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.model.ReportOutcome;
import org.cmppgw.gateway.model.SubmitOutcome;
import org.cmppgw.gateway.persistence.StoreException;
import org.cmppgw.gateway.persistence.Write;

import java.time.Duration;
import java.util.List;

/** The store's queued operations, one class each; {@link StoreProcessor} sorts a batch by class. */
final class StoreWrites {
    private StoreWrites() {
    }

    /** Receives the outcome the {@link Finalizer} decided for one event; {@code null} means no such message. */
    @FunctionalInterface
    interface OutcomeSink {
        void outcome(ReportOutcome outcome);
    }

    static final class Accept extends Write<Void> {
        final List<OutboundMessage> messages;

        Accept(List<OutboundMessage> messages) {
            this.messages = List.copyOf(messages);
        }

        @Override
        public int weight() {
            return Math.max(1, messages.size());
        }
    }

    static final class Submitted extends Write<Void> {
        final List<SubmitOutcome> outcomes;

        Submitted(List<SubmitOutcome> outcomes) {
            this.outcomes = List.copyOf(outcomes);
        }

        @Override
        public int weight() {
            return Math.max(1, outcomes.size());
        }
    }

    static final class Report extends Write<ReportOutcome> implements OutcomeSink {
        final CarrierReport report;

        Report(CarrierReport report) {
            this.report = report;
        }

        @Override
        public void outcome(ReportOutcome outcome) {
            // A submit recorded for a message that does not exist: nothing to update.
            resolve(outcome == null ? ReportOutcome.DUPLICATE : outcome);
        }
    }

    static final class Final extends Write<Boolean> implements OutcomeSink {
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
    }

    static final class MatchParked extends Write<Integer> {
        final int max;

        MatchParked(int max) {
            this.max = max;
        }
    }

    static final class StoreMo extends Write<Boolean> {
        final MoMessage mo;

        StoreMo(MoMessage mo) {
            this.mo = mo;
        }
    }

    static final class Claim extends Write<List<CallbackTask>> {
        final int max;
        final Duration lease;

        Claim(int max, Duration lease) {
            this.max = max;
            this.lease = lease;
        }
    }

    /** Sent (delete), rescheduled (new due time), deferred (new due time, claim not counted) or abandoned callback. */
    static final class CallbackDone extends Write<Void> {
        enum Kind { SENT, RESCHEDULED, DEFERRED, ABANDONED }

        final long taskId;
        final Kind kind;
        final long dueAtMillis;

        CallbackDone(long taskId, Kind kind, long dueAtMillis) {
            this.taskId = taskId;
            this.kind = kind;
            this.dueAtMillis = dueAtMillis;
        }
    }

    static final class PullReports extends Write<List<FinalReport>> {
        final String appKey;
        final int max;

        PullReports(String appKey, int max) {
            this.appKey = appKey;
            this.max = max;
        }
    }

    static final class PullReplies extends Write<List<MoMessage>> {
        final String appKey;
        final int max;

        PullReplies(String appKey, int max) {
            this.appKey = appKey;
            this.max = max;
        }
    }
}
