package org.cmppgw.gateway.provider.cmpp;

import io.netty.util.concurrent.EventExecutor;
import org.cmppgw.gateway.logging.LogThrottle;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.model.SubmitOutcome;
import org.cmppgw.gateway.persistence.CorrelationStore;
import org.cmppgw.gateway.persistence.StoreOverloadedException;
import org.cmppgw.gateway.persistence.TransientFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Hands a provider's SUBMIT_RESP outcomes to the store in lists: the sessions of the provider add parts from their
 * event loops; one flush a few milliseconds later turns everything gathered into one
 * {@link CorrelationStore#recordSubmitted} call (one future per list, not per message). A part's message is told
 * ({@link org.cmppgw.gateway.provider.OutboundSms#partDecided()}) only when its outcome is durable, so the dispatch
 * capacity stays taken until then and memory stays bounded even while the store is slow: outcomes the store refuses
 * (overloaded, or unreachable for a while: a database failing over) are offered again after a pause. Outcomes the
 * store fails for good (bad data) are logged (one line per list) and let go; those messages stay pending in the store
 * and are sent again after a restart.
 *
 * <p>Time stamps: one {@link Instant} per list, read at flush (at most {@code outcomeFlushDelay} after the responses).
 * Failures are logged at most once per {@link PoolSettings#WARN_INTERVAL_NANOS} and cause.
 */
final class OutcomeRecorder implements PartOutcomes {
    private static final Logger LOG = LoggerFactory.getLogger(OutcomeRecorder.class);
    /** The gateway stat of a part whose outcome stayed unknown after its one resubmission (§12.3). */
    static final String STAT_UNKNOWN = "GW:UNKNOWN";

    private final String provider;
    private final CorrelationStore store;
    private final Clock clock;
    private final EventExecutor executor;
    private final long flushDelayNanos;
    private final long retryDelayNanos;
    private final int maxBatch;
    private final Queue<PartTask> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Runnable flushTask = this::flush;
    private final LogThrottle unknownNotRecorded;
    private final LogThrottle outcomesNotRecorded;
    private final LogThrottle outcomesRetried;

    /**
     * @param executor  where flushes and store retries are scheduled
     * @param nanoClock paces the warnings
     */
    OutcomeRecorder(String provider, CorrelationStore store, Clock clock, EventExecutor executor, PoolSettings settings,
                    LongSupplier nanoClock) {
        this.provider = provider;
        this.store = store;
        this.clock = clock;
        this.executor = executor;
        this.flushDelayNanos = settings.outcomeFlushDelay().toNanos();
        this.retryDelayNanos = settings.storeRetryDelay().toNanos();
        this.maxBatch = settings.outcomeBatchMax();
        this.unknownNotRecorded = new LogThrottle(PoolSettings.WARN_INTERVAL_NANOS, nanoClock);
        this.outcomesNotRecorded = new LogThrottle(PoolSettings.WARN_INTERVAL_NANOS, nanoClock);
        this.outcomesRetried = new LogThrottle(PoolSettings.WARN_INTERVAL_NANOS, nanoClock);
    }

    @Override
    public void accepted(PartTask task, long carrierMsgId) {
        task.carrierMsgId = carrierMsgId;
        task.result = 0;
        add(task);
    }

    /** A permanent SUBMIT_RESP error (or flow control given up): the store fails the message with "SR:" + result. */
    @Override
    public void rejected(PartTask task, int result) {
        task.carrierMsgId = 0;
        task.result = result;
        add(task);
    }

    /** The part's outcome stayed unknown after its resubmission: the message fails with {@link #STAT_UNKNOWN}. */
    @Override
    public void unknown(PartTask task) {
        store.recordFinal(task.sms.msgId(), MessageStatus.FAILED, STAT_UNKNOWN, clock.instant())
            .whenComplete((changed, error) -> {
                if (error != null && TransientFailures.isTransient(unwrap(error)) && retryLater(() -> unknown(task))) {
                    return;
                }
                if (error != null) {
                    long held = unknownNotRecorded.tryLog();
                    if (held >= 0) {
                        LOG.warn("provider={} - could not fail msg={} with {} ({}); it stays pending ({} more like it "
                            + "since the last warning)", provider, task.sms.msgId(), STAT_UNKNOWN,
                            unwrap(error).toString(), held);
                    }
                }
                task.sms.partDecided();
            });
    }

    /** A queued part of an abandoned message: nothing to record. */
    @Override
    public void dropped(PartTask task) {
        task.sms.partDecided();
    }

    /** Sends everything gathered now (shutdown); completes when the store has it, never exceptionally. */
    CompletableFuture<Void> flushAll() {
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        while (!pending.isEmpty()) {
            writes.add(write(drain()));
        }
        return CompletableFuture.allOf(writes.toArray(new CompletableFuture<?>[0]));
    }

    private void add(PartTask task) {
        pending.offer(task);
        if (scheduled.compareAndSet(false, true)) {
            schedule(flushDelayNanos);
        }
    }

    /** Runs {@code retry} after the store's retry delay; false when the event loops are shutting down. */
    private boolean retryLater(Runnable retry) {
        try {
            executor.schedule(retry, retryDelayNanos, TimeUnit.NANOSECONDS);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private void schedule(long delayNanos) {
        try {
            executor.schedule(flushTask, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // Event loops are shutting down: whatever is left stays pending in the store (resent after restart).
            scheduled.set(false);
        }
    }

    private void flush() {
        scheduled.set(false);
        List<PartTask> tasks = drain();
        if (!pending.isEmpty() && scheduled.compareAndSet(false, true)) {
            schedule(0);
        }
        if (!tasks.isEmpty()) {
            write(tasks);
        }
    }

    private List<PartTask> drain() {
        List<PartTask> tasks = new ArrayList<>();
        PartTask task;
        while (tasks.size() < maxBatch && (task = pending.poll()) != null) {
            tasks.add(task);
        }
        return tasks;
    }

    private CompletableFuture<Void> write(List<PartTask> tasks) {
        Instant now = clock.instant();
        List<SubmitOutcome> outcomes = new ArrayList<>(tasks.size());
        for (PartTask t : tasks) {
            outcomes.add(new SubmitOutcome(t.sms.msgId(), t.index + 1, t.sms.partCount(), provider, t.carrierMsgId,
                t.result, now));
        }
        return store.recordSubmitted(outcomes).handle((ignored, error) -> {
            written(tasks, error);
            return null;
        });
    }

    private void written(List<PartTask> tasks, Throwable error) {
        if (error == null) {
            for (PartTask t : tasks) {
                t.sms.partDecided();
            }
            return;
        }
        Throwable cause = unwrap(error);
        if (TransientFailures.isTransient(cause)) {
            // Overloaded, or the database gone or failing over: the same outcomes are written again after a pause,
            // for as long as it takes, still holding their capacity (memory stays bounded).
            if (!(cause instanceof StoreOverloadedException)) {
                long held = outcomesRetried.tryLog();
                if (held >= 0) {
                    LOG.warn("provider={} - {} submit outcomes not recorded yet ({}); trying again ({} more lists like"
                        + " it since the last warning)", provider, tasks.size(), cause.toString(), held);
                }
            }
            for (PartTask t : tasks) {
                pending.offer(t);
            }
            if (scheduled.compareAndSet(false, true)) {
                schedule(retryDelayNanos);
            }
            return;
        }
        long held = outcomesNotRecorded.tryLog();
        if (held >= 0) {
            LOG.warn("provider={} - {} submit outcomes not recorded ({}); their messages stay pending until a restart "
                + "({} more lists like it since the last warning)", provider, tasks.size(), cause.toString(), held);
        }
        for (PartTask t : tasks) {
            t.sms.partDecided();
        }
    }

    static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
