package org.cmppgw.gateway.persistence;

import java.util.concurrent.CompletableFuture;

/**
 * One operation queued on a {@link BatchWriter}. The {@link BatchWriter.Processor} applies it inside a shared
 * transaction and {@link #resolve resolves} its result; the writer completes the future only after the commit, so a
 * rolled-back result is never seen. Subclasses carry the operation's data; they are confined to the writer thread
 * once queued.
 *
 * @param <R> the result type
 */
public abstract class Write<R> {
    private final CompletableFuture<R> future = new CompletableFuture<>();
    private R result;

    /** How many rows this write adds to a batch; batches and the queue are bounded by the sum of these. */
    public int weight() {
        return 1;
    }

    /** Sets the result the future completes with after the commit (replacing any earlier one). */
    public final void resolve(R value) {
        result = value;
    }

    /**
     * Completes after the commit of the transaction that applied this write, with its result, or exceptionally when it
     * failed or was refused ({@link BatchWriter#submit}).
     */
    public final CompletableFuture<R> future() {
        return future;
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
}
