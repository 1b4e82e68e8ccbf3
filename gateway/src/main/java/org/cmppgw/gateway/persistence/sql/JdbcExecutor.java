package org.cmppgw.gateway.persistence.sql;

import io.netty.util.concurrent.DefaultThreadFactory;
import org.cmppgw.gateway.persistence.StoreException;
import org.cmppgw.gateway.persistence.StoreOverloadedException;

import javax.sql.DataSource;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs a store component's JDBC work off the caller's thread, on a few threads of its own with a bounded queue, each
 * call in one transaction on a pooled connection ({@link Transactions}): the store interfaces never block (see the
 * persistence package). A full queue refuses at once with {@link StoreOverloadedException}; a failure completes the
 * future with a {@link StoreException} naming the work.
 */
public final class JdbcExecutor implements AutoCloseable {
    private final Transactions transactions;
    private final String name;
    private final ThreadPoolExecutor executor;

    /**
     * @param name          thread name prefix and the subject of error messages, e.g. {@code store-queue}
     * @param threads       calls run at once (pooled connections held)
     * @param queueCapacity calls waiting for a thread before refusing
     */
    public JdbcExecutor(DataSource dataSource, String name, int threads, int queueCapacity) {
        this.transactions = new Transactions(dataSource, name);
        this.name = name;
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(queueCapacity), new DefaultThreadFactory(name, true),
            new ThreadPoolExecutor.AbortPolicy());
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> CompletableFuture<T> transaction(String what, Transactions.Work<T> work) {
        return transaction(what, work, null, null);
    }

    /**
     * As {@link #transaction(String, Transactions.Work)}, for work whose commit may have happened although it failed
     * (the connection lost during COMMIT, as when a Galera node is killed): after a failure, {@code undo} runs in a
     * transaction of its own on the same thread, so with one thread before any call queued after this one; on a
     * Galera node, once that node has applied what the cluster committed before it ({@link CausalWait}). If the
     * undo fails too (the database still unreachable), {@code undoFailed} runs, on that thread as well, so the caller
     * can try again later. The future fails either way; a failed undo is added to its error as suppressed.
     */
    public <T> CompletableFuture<T> transaction(String what, Transactions.Work<T> work, Transactions.Work<?> undo,
                                                Runnable undoFailed) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    result.complete(transactions.run(what, work));
                } catch (RuntimeException e) {
                    StoreException failure = e instanceof StoreException store ? store
                        : new StoreException(name + " - " + what + " failed (" + e + ")", e);
                    if (undo != null) {
                        try {
                            transactions.run(what + " undo", connection -> CausalWait.run(connection, undo));
                        } catch (RuntimeException undoFailure) {
                            failure.addSuppressed(undoFailure);
                            undoFailed.run();
                        }
                    }
                    result.completeExceptionally(failure);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new StoreOverloadedException(name + " - busy, " + what + " refused (queued="
                + executor.getQueue().size() + ")"));
        }
        return result;
    }

    /** Stops taking work and waits (bounded) for what was queued. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
