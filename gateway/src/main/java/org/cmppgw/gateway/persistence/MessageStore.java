package org.cmppgw.gateway.persistence;

import org.cmppgw.gateway.model.CallbackTask;
import org.cmppgw.gateway.model.CarrierReport;
import org.cmppgw.gateway.model.FinalReport;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.model.MoMessage;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.model.ReportOutcome;
import org.cmppgw.gateway.model.StoredMessage;
import org.cmppgw.gateway.model.SubmitOutcome;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The durable record of every message's life (DESIGN.md §3): accept, submit outcomes, carrier reports and their
 * correlation, final status, the callback outbox, MO messages, and report pulls.
 *
 * <p>Every method returns at once and never blocks the caller, so it may be called on an event loop. Writes are
 * group-committed: a future completes only after the transaction holding the write has committed (or exceptionally
 * with a {@link StoreException} when it failed, with nothing of it stored). When the write queue is full the
 * returned future has already failed with {@link StoreOverloadedException}. Reads run on the store's read executor.
 *
 * <p>Guarantees: a report is matched on (provider, carrier Msg_Id) whether it arrives before or after the submit
 * outcome, on any node, before or after a restart; a message becomes final exactly once, and the same transaction
 * writes its one SMS_REPORT outbox row (when it has a callback URL) and makes it pullable.
 */
public interface MessageStore extends AutoCloseable {
    /** Stores accepted messages; the future completes when they are durable, and only then may the API answer. */
    CompletableFuture<Void> accept(List<OutboundMessage> messages);

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

    /**
     * Claims up to {@code max} due callbacks, oldest due first, for this node: each is hidden from other claimers for
     * {@code lease} (if this node dies they become due again) and its attempt count goes up. Safe with many nodes.
     */
    CompletableFuture<List<CallbackTask>> claimCallbacks(int max, Duration lease);

    /**
     * From now on, callback outbox rows this node creates are claimed by it as they are written (attempt 1, hidden
     * from claimers for {@code lease}) and, once committed, handed to {@code sink} with their payloads, so fresh
     * callbacks never go through {@link #claimCallbacks}. If this node stops before finishing them, they are due
     * again after the lease, for any claimer. {@code sink} is called on a store thread and must return at once;
     * {@code null} stops the handing over (new rows are due at once for claimers).
     */
    void handNewCallbacksTo(Duration lease, Consumer<List<CallbackTask>> sink);

    /** The callback was acknowledged: the outbox row is done. */
    CompletableFuture<Void> markCallbackSent(long taskId);

    /** The callback failed: try again at {@code nextAttemptAt} (the caller's retry schedule). */
    CompletableFuture<Void> rescheduleCallback(long taskId, Instant nextAttemptAt);

    /**
     * The callback was not attempted (its endpoint's circuit breaker is open, or the endpoint is saturated): due again
     * at {@code dueAt}, and this claim does not count as an attempt, so an endpoint's outage or slowness never uses up
     * a callback's retry schedule.
     */
    CompletableFuture<Void> deferCallback(long taskId, Instant dueAt);

    /** The callback failed for good (retries exhausted): kept in the outbox, never claimed again. */
    CompletableFuture<Void> abandonCallback(long taskId);

    /** Up to {@code max} final reports of {@code appKey} not pulled before, oldest first; marks them pulled. */
    CompletableFuture<List<FinalReport>> pullReports(String appKey, int max);

    /** Up to {@code max} MO messages of {@code appKey} not pulled before, oldest first; marks them pulled. */
    CompletableFuture<List<MoMessage>> pullReplies(String appKey, int max);

    /** A message with its current status. */
    CompletableFuture<Optional<StoredMessage>> findMessage(long msgId);

    /**
     * Messages accepted by {@code nodeId} whose parts do not all have a recorded submit outcome and that are not
     * final, by ascending msg_id after {@code afterMsgId} (page with the last id returned). After a crash the
     * caller sends them again, all parts, and counts each as a resend (at-least-once towards the carrier).
     */
    CompletableFuture<List<OutboundMessage>> pendingForResend(int nodeId, long afterMsgId, int max);

    /** The largest msg_id stored, 0 when none: the floor of a restarted id generator. */
    CompletableFuture<Long> maxMessageId();

    /** Parked (not yet matched) reports. */
    CompletableFuture<Long> countParkedReports();

    /** Completes queued writes, then stops the writer; later calls fail. Does not close the data source. */
    @Override
    void close();
}
