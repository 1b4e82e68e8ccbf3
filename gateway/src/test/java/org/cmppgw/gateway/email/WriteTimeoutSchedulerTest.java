package org.cmppgw.gateway.email;

import io.netty.util.HashedWheelTimer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WriteTimeoutSchedulerTest {
    private final HashedWheelTimer timer = new HashedWheelTimer(10, TimeUnit.MILLISECONDS);
    private final WriteTimeoutScheduler scheduler = new WriteTimeoutScheduler(timer);

    @AfterEach
    void stop() {
        timer.stop();
    }

    @Test
    void aTimeoutThatIsNotCancelledRunsAndGivesItsResult() throws Exception {
        ScheduledFuture<String> timeout = scheduler.schedule(() -> "Write timed out", 20, TimeUnit.MILLISECONDS);

        assertThat(timeout.get(10, TimeUnit.SECONDS)).isEqualTo("Write timed out");
        assertThat(timeout.isDone()).isTrue();
    }

    @Test
    void aCancelledTimeoutNeverRuns() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        ScheduledFuture<?> cancelled = scheduler.schedule(() -> ran.set(true), 500, TimeUnit.MILLISECONDS);
        assertThat(cancelled.getDelay(TimeUnit.MILLISECONDS)).isLessThanOrEqualTo(500L);

        assertThat(cancelled.cancel(true)).isTrue();
        // a later timeout on the same wheel has run: the cancelled one's tick has passed
        scheduler.schedule(() -> null, 600, TimeUnit.MILLISECONDS).get(10, TimeUnit.SECONDS);

        assertThat(ran).isFalse();
        assertThat(cancelled.isCancelled()).isTrue();
    }

    @Test
    void periodicSchedulesAndShutdownAreRefused() {
        assertThatThrownBy(() -> scheduler.scheduleAtFixedRate(() -> { }, 1, 1, TimeUnit.SECONDS))
            .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(scheduler::shutdown).isInstanceOf(UnsupportedOperationException.class);
        assertThat(scheduler.isShutdown()).isFalse();
    }
}
