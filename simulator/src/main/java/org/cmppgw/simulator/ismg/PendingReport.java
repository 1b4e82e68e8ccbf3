package org.cmppgw.simulator.ismg;

import org.cmppgw.cmpp.pdu.CmppDeliver;
import org.cmppgw.cmpp.pdu.MsgId;
import org.cmppgw.cmpp.pdu.StatusReport;

import java.util.Objects;

/**
 * A status report waiting to be delivered (docs/cmpp-protocol.md §7.4, §10.2): everything needed to build its
 * CMPP_DELIVER, plus when and where it should go. Kept small because up to a million of them wait in the
 * {@link ReportQueue}; the DELIVER itself is built only when a connection has room for it.
 *
 * @param account          Source_Addr of the account that submitted
 * @param originConnection the connection the SUBMIT came on ({@link AccountConnections} id)
 * @param msgId            the SUBMIT_RESP Msg_Id (+ k for destination k), quoted in the report
 * @param deliverMsgId     the DELIVER header's own Msg_Id; kept across re-sends so the SP can de-duplicate (§11.3)
 * @param srcId            the SUBMIT's Src_Id, which becomes the DELIVER's Dest_Id
 * @param serviceId        the SUBMIT's Service_Id
 * @param destTerminalId   the destination this report is about
 * @param stat             the final state, e.g. DELIVRD (§10.1)
 * @param submitMillis     wall-clock time of the SUBMIT (Submit_time)
 * @param doneMillis       wall-clock time the report claims delivery happened (Done_time)
 * @param dueNanos         monotonic time from which the report may be sent
 * @param sends            how many times it has been handed out for sending so far
 */
public record PendingReport(String account, long originConnection, MsgId msgId, MsgId deliverMsgId, String srcId,
                            String serviceId, String destTerminalId, String stat, long submitMillis, long doneMillis,
                            long dueNanos, int sends) {
    private static final long UINT32_MASK = 0xFFFFFFFFL;

    public PendingReport {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(msgId, "msgId");
        Objects.requireNonNull(deliverMsgId, "deliverMsgId");
        Objects.requireNonNull(srcId, "srcId");
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(destTerminalId, "destTerminalId");
        Objects.requireNonNull(stat, "stat");
        if (sends < 0) {
            throw new IllegalArgumentException("sends: " + sends + " (expected: >= 0)");
        }
    }

    /** The CMPP_DELIVER carrying this report, numbered {@code sequenceId}; times formatted by {@code times}. */
    public CmppDeliver toDeliver(int sequenceId, ReportTimes times) {
        // SMSC_sequence is the SMSC's own id; the low 32 bits of ours are as good a stand-in as any.
        StatusReport report = new StatusReport(msgId, stat, times.format(submitMillis), times.format(doneMillis),
            destTerminalId, deliverMsgId.value() & UINT32_MASK);
        return CmppDeliver.report(sequenceId, deliverMsgId, srcId, serviceId, report);
    }

    /** A copy counted as handed out once more. */
    public PendingReport sent() {
        return new PendingReport(account, originConnection, msgId, deliverMsgId, srcId, serviceId, destTerminalId,
            stat, submitMillis, doneMillis, dueNanos, sends + 1);
    }

    /** A copy due at {@code newDueNanos}. */
    public PendingReport dueAt(long newDueNanos) {
        return new PendingReport(account, originConnection, msgId, deliverMsgId, srcId, serviceId, destTerminalId,
            stat, submitMillis, doneMillis, newDueNanos, sends);
    }
}
