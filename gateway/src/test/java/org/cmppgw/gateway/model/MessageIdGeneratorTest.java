package org.cmppgw.gateway.model;

import org.cmppgw.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageIdGeneratorTest {
    private static final long T = 1_767_600_000_000L; // 2026-01-05T08:00:00Z

    @Test
    void idCarriesItsMillisecondAndNode() {
        MessageIdGenerator ids = new MessageIdGenerator(517, () -> T, 0);

        long first = ids.next();
        long second = ids.next();

        assertThat(first).isPositive();
        assertThat(MessageIdGenerator.epochMillisOf(first)).isEqualTo(T);
        assertThat(MessageIdGenerator.nodeOf(first)).isEqualTo(517);
        assertThat(second).isEqualTo(first + 1);
        assertThat(MessageIdGenerator.firstIdAt(T)).isLessThanOrEqualTo(first)
            .isGreaterThan(MessageIdGenerator.firstIdAt(T - 1));
    }

    @Test
    void exhaustedMillisecondWaitsForTheClock() {
        AtomicInteger reads = new AtomicInteger();
        // The clock stays on T for 4100 reads (the generator spins through the surplus), then moves on.
        MessageIdGenerator ids = new MessageIdGenerator(1, () -> reads.incrementAndGet() <= 4100 ? T : T + 1, 0);

        long last = 0;
        for (int i = 0; i < 4096; i++) {
            last = ids.next();
            assertThat(MessageIdGenerator.epochMillisOf(last)).isEqualTo(T);
        }
        long next = ids.next();

        assertThat(MessageIdGenerator.epochMillisOf(next)).isEqualTo(T + 1);
        assertThat(next).isGreaterThan(last);
        assertThat(reads.get()).isGreaterThan(4097);
    }

    @Test
    void clockGoingBackwardsNeverRepeatsAnId() {
        MutableClock clock = new MutableClock(Instant.ofEpochMilli(T));
        MessageIdGenerator ids = new MessageIdGenerator(1, clock::millis, 0);
        long before = ids.next();

        clock.set(Instant.ofEpochMilli(T - 5_000));
        long after = ids.next();

        assertThat(after).isGreaterThan(before);
        assertThat(MessageIdGenerator.epochMillisOf(after)).isEqualTo(T);
    }

    @Test
    void floorKeepsIdsAboveTheLargestStoredOneAfterARestart() {
        long stored = new MessageIdGenerator(1, () -> T + 60_000, 0).next();

        MessageIdGenerator restarted = new MessageIdGenerator(1, () -> T, stored);

        assertThat(restarted.next()).isGreaterThan(stored);
    }

    @Test
    void idsAreUniqueAcrossThreadsAndNodes() throws Exception {
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        List<MessageIdGenerator> nodes = List.of(new MessageIdGenerator(1, System::currentTimeMillis, 0),
            new MessageIdGenerator(2, System::currentTimeMillis, 0));
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                MessageIdGenerator ids = nodes.get(t % 2);
                done.add(threads.submit(() -> {
                    Set<Long> local = new HashSet<>();
                    long previous = 0;
                    for (int i = 0; i < 20_000; i++) {
                        long id = ids.next();
                        assertThat(id).isGreaterThan(previous);
                        previous = id;
                        local.add(id);
                    }
                    seen.addAll(local);
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(seen).hasSize(80_000);
    }

    @Test
    void refusesNodesOutsideTenBits() {
        assertThatThrownBy(() -> new MessageIdGenerator(1024, () -> T, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("nodeId: 1024 (expected: 0..1023)");
        assertThatThrownBy(() -> new MessageIdGenerator(-1, () -> T, 0))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
