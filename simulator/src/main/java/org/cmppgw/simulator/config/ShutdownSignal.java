package org.cmppgw.simulator.config;

import java.util.concurrent.CountDownLatch;

/**
 * How the long-running simulator commands ({@code ismg}, {@code smtp}, {@code callbacks}) end: the main thread waits
 * until the JVM is told to stop (Ctrl-C / SIGTERM), and a shutdown hook closes what the command started first.
 */
public final class ShutdownSignal {
    private ShutdownSignal() {
    }

    /**
     * Registers a shutdown hook thread {@code threadName} that runs {@code onStop}, then blocks until it has; returns
     * early (with the interrupt flag set) when the calling thread is interrupted.
     */
    public static void await(String threadName, Runnable onStop) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            onStop.run();
            stopped.countDown();
        }, threadName));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
