package org.cmppgw.gateway.history;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * How big and how far apart the batches of a background walk are, so that it never takes the database from the API
 * and the sending path for long: each batch is one short transaction, followed by a rest of at least {@code pause}
 * and at least as long as the batch took. The walk thus holds one connection at most half the time, and backs off by
 * itself when the database is slow (busy with traffic); a zero pause turns pacing off (tests).
 *
 * <p>Why not a fixed pause alone: it keeps the same pace when the database is slowed by traffic, which is when the
 * walk should give way (docs/operations.md "History and expiry" has the figures). One walk's thread only.
 */
public final class BatchPace {
    private final int batchSize;
    private final long pauseNanos;
    private final LongSupplier nanoClock;
    private long batchStart;

    /**
     * @param batchSize messages (or rows) per batch and transaction
     * @param pause     the shortest rest between two batches; zero for none at all
     * @param nanoClock {@link System#nanoTime} outside tests
     */
    public BatchPace(int batchSize, Duration pause, LongSupplier nanoClock) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize: " + batchSize + " (expected: >= 1)");
        }
        if (pause == null || pause.isNegative()) {
            throw new IllegalArgumentException("pause: " + pause + " (expected: >= 0)");
        }
        this.batchSize = batchSize;
        this.pauseNanos = pause.toNanos();
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /** No rest between batches: for tests, which must not sleep. */
    public static BatchPace unpaced(int batchSize) {
        return new BatchPace(batchSize, Duration.ZERO, () -> 0);
    }

    public int batchSize() {
        return batchSize;
    }

    /** A walk's first batch starts now. */
    public void begin() {
        batchStart = nanoClock.getAsLong();
    }

    /**
     * Rests after a batch, then the next batch starts.
     *
     * @return false when the thread was interrupted (the gateway is stopping): the walk should end now
     */
    public boolean rest() {
        if (Thread.currentThread().isInterrupted()) {
            return false;
        }
        if (pauseNanos == 0) {
            return true;
        }
        long took = nanoClock.getAsLong() - batchStart;
        try {
            TimeUnit.NANOSECONDS.sleep(Math.max(pauseNanos, took));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        begin();
        return true;
    }
}
