package org.cmppgw.gateway.history;

import java.time.Duration;

/**
 * How big and how far apart the batches of a background walk are, so that it never takes the database from the API
 * and the sending path for long: each batch is one short transaction, followed by a pause.
 *
 * @param batchSize messages (or rows) per batch and transaction
 * @param pause     rest between two batches; zero for none (tests)
 */
public record BatchPace(int batchSize, Duration pause) {
    public BatchPace {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize: " + batchSize + " (expected: >= 1)");
        }
        if (pause == null || pause.isNegative()) {
            throw new IllegalArgumentException("pause: " + pause + " (expected: >= 0)");
        }
    }

    /**
     * Rests between two batches.
     *
     * @return false when the thread was interrupted (the gateway is stopping): the walk should end now
     */
    boolean rest() {
        if (Thread.currentThread().isInterrupted()) {
            return false;
        }
        if (pause.isZero()) {
            return true;
        }
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
