package org.cmppgw.simulator.ismg;

import org.cmppgw.cmpp.pdu.CmppDeliver;
import org.cmppgw.cmpp.pdu.CmppDeliverResp;
import org.cmppgw.cmpp.pdu.CmppRequest;
import org.cmppgw.cmpp.pdu.CmppResponse;
import org.cmppgw.cmpp.session.CmppResponseListener;
import org.cmppgw.cmpp.session.CmppSession;

import java.util.function.IntFunction;

/**
 * A CMPP_DELIVER waiting in an {@link IsmgConnection}'s backlog: passed to {@link CmppSession#trySend} as both the
 * factory (it builds itself with the Sequence_Id the session assigns, so nothing is built while the window is full)
 * and the outcome listener. One small object per DELIVER, no timer: the session's window sweep handles timeouts.
 */
sealed interface Outbound extends IntFunction<CmppDeliver>, CmppResponseListener {

    /** It will never be sent: its connection closed first. */
    void abandon();

    /**
     * A status report (docs/cmpp-protocol.md §7.4). Result 0 acknowledges it; anything else, a timeout after the
     * session's own re-sends, or a lost connection sends it back to the {@link ReportDispatcher} to be re-sent later
     * with the same DELIVER Msg_Id (§11.3, §12.3).
     */
    record Report(PendingReport report, ReportDispatcher<?> dispatcher, ReportTimes times, AccountTraffic traffic)
        implements Outbound {

        @Override
        public CmppDeliver apply(int sequenceId) {
            return report.toDeliver(sequenceId, times);
        }

        @Override
        public void onResponse(CmppRequest request, CmppResponse response) {
            if (response instanceof CmppDeliverResp resp && resp.result() == CmppDeliverResp.RESULT_OK) {
                traffic.reportAcknowledged();
                dispatcher.acknowledged(report);
            } else {
                // §11.3: 8 is flow control, the rest errors; a carrier tries again later either way.
                unacknowledged();
            }
        }

        @Override
        public void onFailure(CmppRequest request, Throwable cause) {
            unacknowledged();
        }

        @Override
        public void abandon() {
            unacknowledged();
        }

        private void unacknowledged() {
            traffic.reportUnacknowledged();
            dispatcher.unacknowledged(report);
        }
    }

    /** One part of an MO message (§7.3, Registered_Delivery 0). MO is not re-sent: a failure is only counted. */
    record Mo(CmppDeliver part, String account, String kind, IsmgMetrics metrics, AccountTraffic traffic)
        implements Outbound {

        /** Called once, when the session has room and writes it: that is when it counts as sent. */
        @Override
        public CmppDeliver apply(int sequenceId) {
            metrics.moSent(account, kind);
            return part.withSequenceId(sequenceId);
        }

        @Override
        public void onResponse(CmppRequest request, CmppResponse response) {
            if (response instanceof CmppDeliverResp resp && resp.result() == CmppDeliverResp.RESULT_OK) {
                traffic.moAcknowledged();
            } else {
                traffic.moFailed();
            }
        }

        @Override
        public void onFailure(CmppRequest request, Throwable cause) {
            traffic.moFailed();
        }

        @Override
        public void abandon() {
            traffic.moFailed();
        }
    }
}
