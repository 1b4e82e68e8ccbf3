package org.cmppgw.gateway.email;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.Timer;
import io.netty.util.TimerTask;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The scheduler behind Jakarta Mail's SMTP write timeouts ({@code mail.smtp.executor.writetimeout}, docs/operations.md
 * "SMTP providers"): around every socket write it schedules a task that closes the socket, and cancels it when the
 * write returns. With its default, a one-thread {@code ScheduledThreadPoolExecutor} per connection, each schedule and
 * each cancel woke that thread: several wake-ups per mail on every connection, an eighth of the gateway's CPU when
 * sending 1,500 mails/s (README "Email"). Here the tasks go onto one Netty {@link HashedWheelTimer} shared by every
 * connection, where scheduling and cancelling only queue an entry and the timer's thread wakes once per tick.
 * Timeouts fire up to one tick ({@value #TICK_MILLIS} ms) late, nothing for timeouts of seconds.
 *
 * <p>Only one-shot schedules are supported; that is all Jakarta Mail asks for. Never shut down: its thread is a
 * daemon and idles between ticks.
 */
final class WriteTimeoutScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    static final long TICK_MILLIS = 100;
    /** Shared by every SMTP connection of the process. */
    static final WriteTimeoutScheduler SHARED = new WriteTimeoutScheduler(new HashedWheelTimer(
        new DefaultThreadFactory("smtp-write-timeouts", true), TICK_MILLIS, TimeUnit.MILLISECONDS));

    private final Timer timer;

    WriteTimeoutScheduler(Timer timer) {
        this.timer = timer;
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> task, long delay, TimeUnit unit) {
        Scheduled<V> scheduled = new Scheduled<>(task, System.nanoTime() + unit.toNanos(delay));
        scheduled.timeout = timer.newTimeout(scheduled, delay, unit);
        return scheduled;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return schedule(Executors.callable(task), delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("write timeouts are one-shot");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("write timeouts are one-shot");
    }

    /** Runs {@code task} at once on the timer's thread: only for what the executor interface requires. */
    @Override
    public void execute(Runnable task) {
        timer.newTimeout(timeout -> task.run(), 0, TimeUnit.MILLISECONDS);
    }

    /** Jakarta Mail shuts down only the schedulers it created itself; this one lives as long as the process. */
    @Override
    public void shutdown() {
        throw new UnsupportedOperationException("the write-timeout scheduler is shared and lives with the process");
    }

    @Override
    public List<Runnable> shutdownNow() {
        throw new UnsupportedOperationException("the write-timeout scheduler is shared and lives with the process");
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return false;
    }

    /** A task on the wheel: its future, cancelled by taking its entry off the wheel too. */
    private static final class Scheduled<V> extends FutureTask<V> implements ScheduledFuture<V>, TimerTask {
        private final long dueNanos;
        private volatile Timeout timeout;

        Scheduled(Callable<V> task, long dueNanos) {
            super(task);
            this.dueNanos = dueNanos;
        }

        @Override
        public void run(Timeout expired) {
            run();
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            Timeout entry = timeout;
            if (entry != null) {
                entry.cancel();
            }
            return super.cancel(mayInterruptIfRunning);
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }
    }
}
