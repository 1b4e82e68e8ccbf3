package org.cmppgw.gateway.callback;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs tasks from any thread on a target executor, with at most one target task queued for all of them: tasks handed
 * over while one is queued (or running) join it instead of each waking the target's thread. The callback HTTP client
 * finishes many POSTs per turn of its event loop; handing each result to the dispatcher's executor on its own cost a
 * queue lock and often a thread wake-up per POST. Tasks run in the order they were handed over.
 */
final class CoalescingExecutor implements Executor {
    private final Executor target;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean queued = new AtomicBoolean();

    CoalescingExecutor(Executor target) {
        this.target = target;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (queued.compareAndSet(false, true)) {
            target.execute(this::runAll);
        }
    }

    /**
     * Runs every task handed over so far. The flag is cleared first: a task added after the last poll below finds it
     * clear and queues a new run. A task that throws does not keep the others from running; the first exception is
     * rethrown at the end, for the target to report.
     */
    private void runAll() {
        queued.set(false);
        RuntimeException first = null;
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
