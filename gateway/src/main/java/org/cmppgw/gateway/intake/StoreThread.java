package org.cmppgw.gateway.intake;

import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One database thread behind a bounded queue for a cold-path API service (templates and signatures, users, send
 * policies): the work never runs
 * on an event loop, a full queue answers 503/50019 at once, a failure answers 500/50019 and is logged.
 */
public final class StoreThread implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreThread.class);

    private final String name;
    private final ThreadPoolExecutor worker;

    /**
     * @param name     the thread's name and the start of its log lines
     * @param capacity requests waiting; more are refused (503)
     */
    public StoreThread(String name, int capacity) {
        this.name = name;
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(capacity),
            new DefaultThreadFactory(name, true));
    }

    /** Runs {@code work} on the thread; the future completes with its outcome, or with 503 or 500. */
    public <T> CompletableFuture<Outcome<T>> run(Supplier<Outcome<T>> work) {
        CompletableFuture<Outcome<T>> result = new CompletableFuture<>();
        try {
            worker.execute(() -> {
                try {
                    result.complete(work.get());
                } catch (RuntimeException e) {
                    LOG.warn("{} - a request failed: {}", name, e.toString());
                    result.complete(Outcome.fail(ApiError.SERVER_ERROR));
                }
            });
        } catch (RejectedExecutionException e) {
            result.complete(Outcome.fail(ApiError.SERVER_BUSY));
        }
        return result;
    }

    /** Stops the thread once the queued work is done (waits at most 5 s). */
    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.shutdownNow();
        }
    }
}
