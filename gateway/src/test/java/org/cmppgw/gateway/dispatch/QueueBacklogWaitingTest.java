package org.cmppgw.gateway.dispatch;

import org.cmppgw.gateway.config.BacklogLimits;
import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.cmppgw.gateway.persistence.MessageQueue;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the refill knows of messages waiting in the store, which sets how often it claims. */
class QueueBacklogWaitingTest {
    private final QueueBacklog backlog =
        new QueueBacklog(new BacklogLimits(1000, 1000, Duration.ofSeconds(10)), GatewayMetrics.NOOP);

    @Test
    void atStartMessagesMayWaitThenOnlyAfterThisNodeQueuedSome() {
        assertThat(backlog.mayWaitInStore()).as("at start: another run may have left some").isTrue();
        assertThat(backlog.mayWaitInStore()).isFalse();

        backlog.queuedInStore();

        assertThat(backlog.mayWaitInStore()).isTrue();
        assertThat(backlog.mayWaitInStore()).as("once per queueing").isFalse();
    }

    @Test
    void messagesCountedWaitingKeepTheAnswerYesUntilACountSeesNone() {
        backlog.mayWaitInStore();

        backlog.counted(new MessageQueue.Backlog(List.of(new MessageQueue.Depth("cmpp", 1, true, 5),
            new MessageQueue.Depth("cmpp", 1, false, 100)), Map.of("app", 105L)));

        assertThat(backlog.mayWaitInStore()).isTrue();
        assertThat(backlog.mayWaitInStore()).isTrue();

        backlog.counted(new MessageQueue.Backlog(List.of(new MessageQueue.Depth("cmpp", 1, false, 100)),
            Map.of("app", 100L)));

        assertThat(backlog.mayWaitInStore()).as("held in memory only").isFalse();
    }
}
