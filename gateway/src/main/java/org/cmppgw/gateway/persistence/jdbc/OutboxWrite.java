package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.callback.outbox.OutboxPhase;
import org.cmppgw.gateway.model.CallbackTask;
import org.cmppgw.gateway.persistence.Write;

import java.util.List;

/**
 * The writes of the outbox lane ({@link JdbcMessageStore.Lane#OUTBOX}): claims of due callbacks and how claimed ones
 * ended. Each adds itself to the {@link OutboxLane.Batch}.
 *
 * @param <R> the result type
 */
abstract sealed class OutboxWrite<R> extends Write<R> implements LaneWrite<OutboxLane.Batch> {
    /** Sent, rescheduled, deferred or abandoned. */
    static final class CallbackDone extends OutboxWrite<Void> {
        final OutboxPhase.Done done;

        CallbackDone(OutboxPhase.Done done) {
            this.done = done;
        }

        @Override
        public void addTo(OutboxLane.Batch batch) {
            batch.done.add(done);
        }
    }

    /** This node's claims left by its earlier process become due now. */
    static final class ReclaimOwn extends OutboxWrite<Integer> {
        @Override
        public void addTo(OutboxLane.Batch batch) {
            batch.reclaims.add(this);
        }
    }

    /** A recovered endpoint's callbacks that wait for a later retry become due now, one bounded page. */
    static final class PullForward extends OutboxWrite<Integer> {
        final String appKey;
        final String url;
        final int max;

        PullForward(String appKey, String url, int max) {
            this.appKey = appKey;
            this.url = url;
            this.max = max;
        }

        @Override
        public void addTo(OutboxLane.Batch batch) {
            batch.pulls.add(this);
        }
    }

    static final class Claim extends OutboxWrite<List<CallbackTask>> {
        final int max;
        final long leaseMillis;

        Claim(int max, long leaseMillis) {
            this.max = max;
            this.leaseMillis = leaseMillis;
        }

        @Override
        public void addTo(OutboxLane.Batch batch) {
            batch.claims.add(this);
        }
    }
}
