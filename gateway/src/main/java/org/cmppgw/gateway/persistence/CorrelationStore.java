package org.cmppgw.gateway.persistence;

import org.cmppgw.gateway.model.CarrierReport;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.model.MoMessage;
import org.cmppgw.gateway.model.ReportOutcome;
import org.cmppgw.gateway.model.SubmitOutcome;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the carrier side records (docs/design.md §3): submit outcomes, status reports and their correlation with the
 * submits, final statuses, and MO messages. Asynchronous and never blocking, as every store interface (see the
 * package documentation).
 *
 * <p>Guarantees: a report is matched on (provider, carrier Msg_Id) whether it arrives before or after the submit
 * outcome, on any node, before or after a restart; a message becomes final exactly once, and the same transaction
 * writes its one SMS_REPORT outbox row (when it has a callback URL) and makes it pullable.
 */
public interface CorrelationStore {
    /**
     * Records SUBMIT_RESP outcomes. A part accepted by the carrier becomes matchable by its Msg_Id, and parked reports
     * for it are matched now; a rejected part fails its message. A message whose parts all have an accepted outcome
     * is no longer pending for resend.
     */
    CompletableFuture<Void> recordSubmitted(List<SubmitOutcome> outcomes);

    /** Records a carrier status report: matched to its part and message, or parked until its submit is recorded. */
    CompletableFuture<ReportOutcome> recordReport(CarrierReport report);

    /**
     * Ends a message's life without a carrier report (no route, expired, given up), with a gateway stat.
     *
     * @return true if this made the message final, false if it already was
     */
    CompletableFuture<Boolean> recordFinal(long msgId, MessageStatus status, String stat, Instant at);

    /**
     * Matches parked reports whose submits have been recorded meanwhile (by any node). Matching also happens when
     * submits are recorded; this sweep covers two nodes racing and should run periodically and after start.
     *
     * @return how many parked reports were matched
     */
    CompletableFuture<Integer> matchParkedReports(int max);

    /**
     * Stores an MO message and, when it has a callback URL, its SMS_REPLY outbox row.
     *
     * @return true if stored, false if it repeats an MO already stored (same provider and carrier Msg_Id)
     */
    CompletableFuture<Boolean> storeMo(MoMessage mo);

    /** Parked (not yet matched) reports. */
    CompletableFuture<Long> countParkedReports();

    /**
     * Reports kept aside because they named another handset than the message their Msg_Id matched
     * (docs/cmpp-protocol.md §10.2).
     */
    CompletableFuture<Long> countMismatchedReports();
}
