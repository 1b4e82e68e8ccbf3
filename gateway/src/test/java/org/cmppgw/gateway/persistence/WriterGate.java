package org.cmppgw.gateway.persistence;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** Holds a {@link BatchWriter} in its first batch until released, so later writes pile up in its queue. */
public final class WriterGate implements BatchWriter.Listener {
    private static final long TIMEOUT_SECONDS = 30;

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicBoolean first = new AtomicBoolean(true);

    @Override
    public void batchStarting(int writes) {
        if (first.compareAndSet(true, false)) {
            entered.countDown();
            try {
                release.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits until the writer is held in its first batch. */
    public void awaitEntered() throws InterruptedException {
        assertThat(entered.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("writer reached the gate").isTrue();
    }

    /** Lets the writer go on. */
    public void release() {
        release.countDown();
    }
}
