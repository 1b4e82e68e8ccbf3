package org.cmppgw.gateway.provider;

import org.cmppgw.gateway.model.MessagePriority;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

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

    @Test
    void theSizeDoesNotDriftWhenAnItemIsTakenAndChangedTheMomentItIsQueued() throws InterruptedException {
        // A session takes a run and sends its parts at once; the producer must not weigh it after queueing it, or
        // the size drifts below the truth and sessions go idle with work queued (seen as a message never sent).
        PartQueues<int[]> queues = new PartQueues<>(item -> item[0]);
        int items = 200_000;
        Thread consumer = new Thread(() -> {
            for (int taken = 0; taken < items; ) {
                int[] item = queues.poll();
                if (item != null) {
                    item[0] = 0;
                    taken++;
                }
            }
        });
        consumer.start();
        for (int i = 0; i < items; i++) {
            queues.offer(new int[] {1}, MessagePriority.NORMAL);
        }
        consumer.join();

        assertThat(queues.size()).isZero();
        queues.offer(new int[] {1}, MessagePriority.NORMAL);
        assertThat(queues.isEmpty()).as("one item queued").isFalse();
    }

    @Test
    void takeIfTakesTheChosenAndLeavesTheRestInTheirOrder() {
        PartQueues<String> queues = new PartQueues<>(String::length);
        queues.offer("keep-low", MessagePriority.LOW);
        queues.offer("take-1", MessagePriority.NORMAL);
        queues.offer("keep-normal", MessagePriority.NORMAL);
        queues.offerFront("keep-front");
        queues.offer("take-22", MessagePriority.HIGH);
        List<String> taken = new ArrayList<>();

        queues.takeIf(item -> item.startsWith("take"), taken::add);

        assertThat(taken).containsExactly("take-22", "take-1");
        assertThat(queues.size()).isEqualTo("keep-low".length() + "keep-normal".length() + "keep-front".length());
        assertThat(queues.poll()).isEqualTo("keep-front");
        assertThat(queues.poll()).isEqualTo("keep-normal");
        assertThat(queues.poll()).isEqualTo("keep-low");
        assertThat(queues.poll()).isNull();
    }
}
