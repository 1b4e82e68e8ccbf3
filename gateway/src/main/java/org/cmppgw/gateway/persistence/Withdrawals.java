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
}
