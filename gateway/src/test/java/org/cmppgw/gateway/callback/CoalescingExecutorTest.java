package org.cmppgw.gateway.callback;

import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CoalescingExecutorTest {
    /** A target that only queues its runs, so a test decides when they happen. */
    private final ArrayDeque<Runnable> targetRuns = new ArrayDeque<>();
    private final CoalescingExecutor executor = new CoalescingExecutor(targetRuns::add);
    private final List<String> ran = new ArrayList<>();

    @Test
    void tasksHandedOverWhileARunIsQueuedJoinItInOrder() {
        executor.execute(() -> ran.add("a"));
        executor.execute(() -> ran.add("b"));
        executor.execute(() -> ran.add("c"));
        assertThat(targetRuns).hasSize(1);
        assertThat(ran).isEmpty();

        targetRuns.poll().run();
        assertThat(ran).containsExactly("a", "b", "c");

        executor.execute(() -> ran.add("d"));
        assertThat(targetRuns).as("a new run once the last one started").hasSize(1);
        targetRuns.poll().run();
        assertThat(ran).containsExactly("a", "b", "c", "d");
    }

    @Test
    void aTaskHandedOverByARunningTaskRunsExactlyOnce() {
        executor.execute(() -> {
            ran.add("first");
            executor.execute(() -> ran.add("second"));
        });
        targetRuns.poll().run();
        // the running batch took it already, or the run it queued takes it: never both, never neither
        while (!targetRuns.isEmpty()) {
            targetRuns.poll().run();
        }
        assertThat(ran).containsExactly("first", "second");
    }

    @Test
    void aThrowingTaskKeepsNoOtherFromRunningAndItsExceptionReachesTheTarget() {
        executor.execute(() -> ran.add("before"));
        executor.execute(() -> {
            throw new IllegalStateException("first failure");
        });
        executor.execute(() -> {
            throw new IllegalArgumentException("second failure");
        });
        executor.execute(() -> ran.add("after"));

        assertThatThrownBy(() -> targetRuns.poll().run()).isInstanceOf(IllegalStateException.class)
            .hasMessage("first failure")
            .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                .isInstanceOf(IllegalArgumentException.class));
        assertThat(ran).containsExactly("before", "after");

        executor.execute(() -> ran.add("later"));
        targetRuns.poll().run();
        assertThat(ran).containsExactly("before", "after", "later");
    }

    @Test
    void everyTaskFromManyThreadsRunsOnceAndEachThreadsTasksInOrder() throws InterruptedException {
        int producers = 4;
        int perProducer = 20_000;
        ExecutorService target = Executors.newSingleThreadExecutor();
        ExecutorService threads = Executors.newFixedThreadPool(producers);
        AtomicInteger targetTasks = new AtomicInteger();
        CoalescingExecutor shared = new CoalescingExecutor(task -> {
            targetTasks.incrementAndGet();
            target.execute(task);
        });
        // written on the target's single thread only
        int[] next = new int[producers];
        List<String> outOfOrder = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger done = new AtomicInteger();
        try {
            for (int p = 0; p < producers; p++) {
                int producer = p;
                threads.execute(() -> {
                    for (int i = 0; i < perProducer; i++) {
                        int n = i;
                        shared.execute(() -> {
                            if (next[producer] != n) {
                                outOfOrder.add(producer + ":" + n + " after " + next[producer]);
                            }
                            next[producer] = n + 1;
                            done.incrementAndGet();
                        });
                    }
                });
            }
            Await.until("every task ran", Await.TIMEOUT, () -> done.get() == producers * perProducer, done::get);
            assertThat(outOfOrder).isEmpty();
            assertThat(targetTasks.get()).isBetween(1, producers * perProducer);
        } finally {
            threads.shutdownNow();
            target.shutdown();
            assertThat(target.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(done.get()).as("no task ran twice").isEqualTo(producers * perProducer);
    }
}
