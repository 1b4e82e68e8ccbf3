package org.cmppgw.gateway.persistence;

import org.cmppgw.gateway.model.CallbackTask;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The durable callback outbox (docs/design.md §3 "Callbacks are a durable outbox"): the rows the
 * {@link CorrelationStore} writes with each final status and MO, claimed under a lease and finished by the callback
 * sender. Safe with many nodes: a row is claimed by one node at a time, and a node that dies leaves its rows due again
 * after their lease. Asynchronous and never blocking, as every store interface (see the package documentation).
 */
public interface CallbackOutbox {
    /**
     * Claims up to {@code max} due callbacks, oldest due first, for this node: each is hidden from other claimers for
     * {@code lease} (if this node dies they become due again) and its attempt count goes up. Safe with many nodes.
     */
    CompletableFuture<List<CallbackTask>> claimCallbacks(int max, Duration lease);

    /**
     * Makes the callbacks this node claimed (or was handed) before its last stop and still holds under lease due
     * now, instead of after their lease: call it at start, before this process claims or is handed anything. Claims
     * of other nodes keep their lease. Assumes one process per node id at a time.
     *
     * @return how many were made due
     */
    CompletableFuture<Integer> reclaimOwnCallbacks();

    /**
     * The endpoint of {@code url} answers again: up to {@code max} callbacks of app {@code appKey} to {@code url} that
     * wait for a later retry (rescheduled after a failure, or deferred while the endpoint's circuit breaker was open)
     * become due now, the earliest due first, their attempt counts unchanged, so a recovered app gets its backlog at
     * once instead of up to the last retry delay later. Claimed callbacks (of any node) keep their lease.
     *
     * @return how many were found waiting, at most {@code max}; fewer means none is left
     */
    CompletableFuture<Integer> pullForwardCallbacks(String appKey, String url, int max);

    /**
     * From now on, the callbacks this node creates are held by it as they are written (attempt 1, never seen by
     * claimers) and, once committed, handed to {@code sink} with their payloads, so fresh callbacks never go through
     * {@link #claimCallbacks}. If this node stops before finishing them, its next start ({@link #reclaimOwnCallbacks})
     * or the node adopting it makes them due for any claimer; one whose outcome this node could not write is claimed
     * again by this node after the claim lease. {@code sink} is called on a store thread and must return
     * at once; {@code null} stops the handing over (new callbacks are due at once for claimers).
     */
    void handNewCallbacksTo(Consumer<List<CallbackTask>> sink);

    /**
     * The callback was acknowledged: the outbox row is done. An SMS report's message records when and after how many
     * attempts (the console's message detail shows it).
     */
    CompletableFuture<Void> markCallbackSent(CallbackTask task);

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
}
