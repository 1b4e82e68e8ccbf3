package org.cmppgw.gateway.persistence;

import org.cmppgw.gateway.model.WithdrawOutcome;

import java.util.concurrent.CompletableFuture;

/**
 * Withdraws accepted SMS messages that still wait in the store's queue (docs/api.md "Withdraw"). Asynchronous and
 * never blocking, as every store interface.
 */
public interface Withdrawals {
    /** How long after its acceptance a message can be withdrawn. */
    long MAX_AGE_MILLIS = 24L * 60 * 60 * 1000;

    /**
     * Withdraws message {@code msgId} of app {@code appKey} if no node has taken it for sending yet: in one
     * transaction its queue row is deleted on that condition, and it becomes final FAILED {@code GW:WITHDRAWN} with
     * its callback and refund. Exact under concurrency: of two withdraws of one message, one answers
     * {@link WithdrawOutcome#WITHDRAWN}, the other {@link WithdrawOutcome#ALREADY_WITHDRAWN}; a message a node has
     * claimed is answered {@link WithdrawOutcome#SENDING} and never withdrawn.
     */
    CompletableFuture<WithdrawOutcome> withdraw(long msgId, String appKey);

    /**
     * Withdraws message {@code msgId} that node {@code nodeId} has claimed and the caller, on that node, has just
     * taken out of its provider queue before any part was sent: its queue row is deleted on the condition that this
     * node holds it and it is no possible resend, with the same final, callback and refund. Any other answer than
     * {@link WithdrawOutcome#WITHDRAWN} means nothing changed: the caller queues the message again.
     */
    CompletableFuture<WithdrawOutcome> withdrawHeld(long msgId, String appKey, int nodeId);
}
