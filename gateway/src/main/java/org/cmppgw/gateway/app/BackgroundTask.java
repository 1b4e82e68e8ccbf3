package org.cmppgw.gateway.app;

import io.netty.util.concurrent.DefaultThreadFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A task the gateway runs on its own daemon thread with a fixed delay between runs, so periodic checks that may block
 * (JDBC) never run on an event loop. Closing it interrupts a run in progress and stops the thread.
 */
final class BackgroundTask implements AutoCloseable {
    private final ScheduledExecutorService timer;

    private BackgroundTask(String threadName) {
        this.timer = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory(threadName, true));
    }

    /** Runs {@code task} after {@code initialDelay}, then {@code period} after the end of each run. */
    static BackgroundTask every(String threadName, Duration initialDelay, Duration period, Runnable task) {
        BackgroundTask background = new BackgroundTask(threadName);
        background.timer.scheduleWithFixedDelay(task, initialDelay.toMillis(), period.toMillis(),
            TimeUnit.MILLISECONDS);
        return background;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
