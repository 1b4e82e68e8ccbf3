package org.cmppgw.simulator.ismg;

import org.cmppgw.cmpp.pdu.MsgId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportQueueTest {
    static PendingReport report(long id, long dueNanos) {
        return report(1, id, dueNanos);
    }

    static PendingReport report(long originConnection, long id, long dueNanos) {
        return new PendingReport("901234", originConnection, new MsgId(id), new MsgId(id + 1_000_000), "1069", "",
            "13800138000", "DELIVRD", 0, 0, dueNanos, 0);
    }

    /** 10 ms in nanos: apart by more than the FIFO's slack. */
    private static final long MS10 = 10_000_000;

    @Test
    void givesOutOnlyDueReportsEarliestFirst() {
        ReportQueue queue = new ReportQueue(10);
        queue.offer(report(3, 30 * MS10));
        queue.offer(report(1, 10 * MS10));
        queue.offer(report(2, 20 * MS10));

        assertThat(queue.pollDue(10 * MS10 - 1, 10)).isEmpty();
        assertThat(queue.pollDue(25 * MS10, 10)).extracting(r -> r.msgId().value()).containsExactly(1L, 2L);
        assertThat(queue.nextDueNanos(-1)).isEqualTo(30 * MS10);
        assertThat(queue.size()).isEqualTo(1);
    }

    @Test
    void reportsOfferedInAndOutOfDueOrderComeOutInDueOrder() {
        ReportQueue queue = new ReportQueue(100);
        long[] dues = {10, 20, 20, 15, 30, 5, 40, 25, 40, 1};
        for (int i = 0; i < dues.length; i++) {
            queue.offer(report(i, dues[i] * MS10));
        }

        assertThat(queue.size()).isEqualTo(dues.length);
        assertThat(queue.nextDueNanos(-1)).isEqualTo(MS10);
        List<Long> out = new ArrayList<>();
        for (long now = 0; now <= 40; now += 5) {
            queue.pollDue(now * MS10, 3).forEach(r -> out.add(r.dueNanos() / MS10));
        }
        out.addAll(queue.pollDue(40 * MS10, 100).stream().map(r -> r.dueNanos() / MS10).toList());
        assertThat(out).containsExactly(1L, 5L, 10L, 15L, 20L, 20L, 25L, 30L, 40L, 40L);
        assertThat(queue.size()).isZero();
    }

    @Test
    void aReportDueJustBeforeTheLastInOrderGoesOutAtMostTheSlackLate() {
        ReportQueue queue = new ReportQueue(10);
        queue.offer(report(1, 100 * MS10));
        queue.offer(report(2, 100 * MS10 - ReportQueue.IN_ORDER_SLACK_NANOS));

        assertThat(queue.pollDue(100 * MS10 - 1, 10)).as("both wait for the first").isEmpty();
        assertThat(queue.pollDue(100 * MS10, 10)).extracting(r -> r.msgId().value()).containsExactly(1L, 2L);
    }

    @Test
    void pollTakesAtMostMax() {
        ReportQueue queue = new ReportQueue(10);
        for (int i = 0; i < 5; i++) {
            queue.offer(report(i, i));
        }

        assertThat(queue.pollDue(10, 3)).hasSize(3);
        assertThat(queue.pollDue(10, 3)).hasSize(2);
        assertThat(queue.nextDueNanos(-1)).isEqualTo(-1);
    }

    @Test
    void dueTimesAreComparedAcrossTheNanoTimeWrap() {
        ReportQueue queue = new ReportQueue(10);
        queue.offer(report(2, Long.MIN_VALUE + MS10));
        queue.offer(report(1, Long.MAX_VALUE - MS10));

        assertThat(queue.pollDue(Long.MAX_VALUE - MS10, 10)).extracting(r -> r.msgId().value()).containsExactly(1L);
        assertThat(queue.pollDue(Long.MIN_VALUE + MS10, 10)).extracting(r -> r.msgId().value()).containsExactly(2L);
    }

    @Test
    void isBounded() {
        ReportQueue queue = new ReportQueue(2);

        assertThat(queue.offer(report(1, 1))).isTrue();
        assertThat(queue.offer(report(2, 1))).isTrue();
        assertThat(queue.offer(report(3, 1))).isFalse();
        assertThat(queue.size()).isEqualTo(2);
        assertThatThrownBy(() -> new ReportQueue(0)).hasMessage("capacity: 0 (expected: >= 1)");
        assertThatThrownBy(() -> queue.pollDue(0, 0)).hasMessage("max: 0 (expected: >= 1)");
    }

    @Test
    void concurrentProducersAndOneConsumerLoseNothing() throws Exception {
        ReportQueue queue = new ReportQueue(1_000_000);
        int producers = 3;
        int perProducer = 50_000;
        ExecutorService pool = Executors.newFixedThreadPool(producers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                long base = (long) p * perProducer;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perProducer; i++) {
                        queue.offer(report(base + i, i % 100));
                    }
                    return null;
                }));
            }
            start.countDown();
            long[] seen = new long[producers * perProducer];
            int taken = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (taken < seen.length && System.nanoTime() < deadline) {
                for (PendingReport r : queue.pollDue(1000, 512)) {
                    seen[taken++] = r.msgId().value();
                }
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }

            assertThat(taken).isEqualTo(seen.length);
            assertThat(Arrays.stream(seen).distinct().count()).isEqualTo(seen.length);
        } finally {
            pool.shutdownNow();
        }
    }
}
