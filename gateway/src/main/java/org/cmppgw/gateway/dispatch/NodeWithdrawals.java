package org.cmppgw.gateway.dispatch;

import org.cmppgw.gateway.model.WithdrawOutcome;
import org.cmppgw.gateway.persistence.Withdrawals;
import org.cmppgw.gateway.provider.OutboundSms;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Withdraw on one node (docs/api.md "Withdraw"): a message waiting in the store is withdrawn there; a message this
 * node has claimed is first taken out of its provider queue, which succeeds only while no session has started it
 * (none of its parts went to the carrier), and then withdrawn in the store on the condition that this node holds it.
 * If that fails, the message is queued again as it was, and the answer is {@code sending}. A message another node
 * holds is answered {@code sending}: only its holder could take it back.
 */
public final class NodeWithdrawals implements Withdrawals {
    private final Withdrawals store;
    private final Dispatcher dispatcher;
    private final int nodeId;

    public NodeWithdrawals(Withdrawals store, Dispatcher dispatcher, int nodeId) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.nodeId = nodeId;
    }

    @Override
    public CompletableFuture<WithdrawOutcome> withdraw(long msgId, String appKey) {
        return store.withdraw(msgId, appKey).thenCompose(outcome -> {
            if (outcome != WithdrawOutcome.SENDING) {
                return CompletableFuture.completedFuture(outcome);
            }
            OutboundSms held = dispatcher.takeBackUnsent(msgId);
            return held == null ? CompletableFuture.completedFuture(outcome) : withdrawHeld(held, appKey);
        });
    }

    @Override
    public CompletableFuture<WithdrawOutcome> withdrawHeld(long msgId, String appKey, int node) {
        return store.withdrawHeld(msgId, appKey, node);
    }

    private CompletableFuture<WithdrawOutcome> withdrawHeld(OutboundSms held, String appKey) {
        CompletableFuture<WithdrawOutcome> withdrawing;
        try {
            withdrawing = store.withdrawHeld(held.msgId(), appKey, nodeId);
        } catch (RuntimeException e) {
            withdrawing = CompletableFuture.failedFuture(e);
        }
        return withdrawing.handle((outcome, failure) -> {
            if (failure == null && outcome == WithdrawOutcome.WITHDRAWN) {
                dispatcher.capacity().release(1);
                return outcome;
            }
            // nothing was cancelled: it goes back to its provider, as a provider that went down gives it to a backup
            dispatcher.dispatch(held);
            if (failure != null) {
                throw failure instanceof CompletionException c ? c : new CompletionException(failure);
            }
            return WithdrawOutcome.SENDING;
        });
    }
}
