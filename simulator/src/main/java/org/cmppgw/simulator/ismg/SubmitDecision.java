package org.cmppgw.simulator.ismg;

import org.cmppgw.cmpp.pdu.CmppSubmitResp;

import java.util.List;
import java.util.Objects;

/**
 * The ISMG's answer to one SUBMIT, decided by {@link SubmitHandling}: the SUBMIT_RESP to send and the status reports
 * it causes (one per destination when a report was asked for, docs/cmpp-protocol.md §8.1).
 *
 * @param response              SUBMIT_RESP with the SUBMIT's Sequence_Id, Result and (on success) Msg_Id
 * @param reports               reports to deliver; empty when the SUBMIT failed or asked for none
 * @param reportsBeforeResponse true: send {@code reports} on the same connection before the response (the "report
 *                              before SUBMIT_RESP" fault; the reports are then due at once)
 */
public record SubmitDecision(CmppSubmitResp response, List<PendingReport> reports, boolean reportsBeforeResponse) {
    public SubmitDecision {
        Objects.requireNonNull(response, "response");
        reports = List.copyOf(reports);
    }

    public boolean accepted() {
        return response.isOk();
    }

    public long result() {
        return response.result();
    }
}
