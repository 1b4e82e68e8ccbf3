package org.cmppgw.gateway.provider;

import org.cmppgw.gateway.model.MessagePriority;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PartQueuesTest {
    @Test
    void retriesGoFirstThenPrioritiesInOrderEachFifo() {
        PartQueues<String> queues = new PartQueues<>(item -> 1);
        queues.offer("low-1", MessagePriority.LOW);
        queues.offer("normal-1", MessagePriority.NORMAL);
        queues.offer("high-1", MessagePriority.HIGH);
        queues.offer("normal-2", MessagePriority.NORMAL);
        queues.offerFront("retry-1");
        queues.offer("high-2", MessagePriority.HIGH);

        assertThat(queues.size()).isEqualTo(6);
        assertThat(queues.poll()).isEqualTo("retry-1");
        assertThat(queues.poll()).isEqualTo("high-1");
        assertThat(queues.poll()).isEqualTo("high-2");
        assertThat(queues.poll()).isEqualTo("normal-1");
        assertThat(queues.poll()).isEqualTo("normal-2");
        assertThat(queues.poll()).isEqualTo("low-1");
        assertThat(queues.poll()).isNull();
        assertThat(queues.isEmpty()).isTrue();
        assertThat(queues.size()).isZero();
    }

    @Test
    void sizeCountsThePartsEachItemHolds() {
        PartQueues<String> queues = new PartQueues<>(String::length);
        queues.offer("abcde", MessagePriority.NORMAL);
        queues.offerFront("xy");

        assertThat(queues.size()).isEqualTo(7);
        assertThat(queues.poll()).isEqualTo("xy");
        assertThat(queues.size()).isEqualTo(5);
        assertThat(queues.poll()).isEqualTo("abcde");
        assertThat(queues.isEmpty()).isTrue();
    }
}
