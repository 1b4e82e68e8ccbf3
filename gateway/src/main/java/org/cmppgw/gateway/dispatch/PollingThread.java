package org.cmppgw.gateway.dispatch;

import io.netty.util.concurrent.DefaultThreadFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread for a loop that polls the store and decides its own next delay (faster while there is work):
 * each step schedules the next with {@link #after}. Closing stops it; a step scheduled after that is dropped.
 */
public final class PollingThread implements AutoCloseable {
    private final ScheduledExecutorService thread;

    /** @param name the thread's name (and the prefix of its log lines' thread field) */
    public PollingThread(String name) {
        this.thread = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory(name, true));
    }

    /** Runs {@code step} on the thread after {@code delayMillis}; nothing once closed. */
    public void after(long delayMillis, Runnable step) {
        try {
            thread.schedule(step, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // closing: the loop ends here
        }
    }

    /** Stops the loop: interrupts a running step and waits (bounded) for it. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
