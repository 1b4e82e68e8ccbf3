package org.cmppgw.gateway.persistence;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One operation queued on a {@link BatchWriter}. The {@link BatchWriter.Processor} applies it inside a shared
 * transaction and {@link #resolve resolves} its result; the writer completes the future only after the commit, so a
 * rolled-back result is never seen. Subclasses carry the operation's data; they are confined to the writer thread
 * once queued.
 *
 * @param <R> the result type
 */
public abstract class Write<R> {
    private static final int QUEUED = 0;
    private static final int TAKEN = 1;
    private static final int WITHDRAWN = 2;

    private final AtomicInteger state = new AtomicInteger(QUEUED);
    private final CompletableFuture<R> future = new Withdrawable();
    private R result;

    /** How many rows this write adds to a batch; batches and the queue are bounded by the sum of these. */
    public int weight() {
        return 1;
    }

    /**
     * Whether the writer takes this write ahead of queued writes that are not urgent (a verification code behind a
     * campaign's batches). Read once, when the write is queued.
     */
    public boolean urgent() {
        return false;
    }

    /** Sets the result the future completes with after the commit (replacing any earlier one). */
    public final void resolve(R value) {
        result = value;
    }

    /**
     * Completes after the commit of the transaction that applied this write, with its result, or exceptionally when it
     * failed or was refused ({@link BatchWriter#submit}). Its {@code cancel} withdraws the write while it waits in the
     * queue (true: it will never be applied); once the writer has taken it, {@code cancel} returns false and the
     * transaction decides.
     */
    public final CompletableFuture<R> future() {
        return future;
    }

    /** The writer takes this write into a batch; false when it was withdrawn first (the writer drops it). */
    final boolean take() {
        return state.compareAndSet(QUEUED, TAKEN);
    }

    final void reset() {
        result = null;
    }

    final void complete() {
        future.complete(result);
    }

    final void fail(Throwable cause) {
        future.completeExceptionally(cause);
    }

    /** The future whose {@code cancel} withdraws the write, but only before the writer takes it. */
    private final class Withdrawable extends CompletableFuture<R> {
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return state.compareAndSet(QUEUED, WITHDRAWN) && super.cancel(mayInterruptIfRunning);
        }
    }
}
