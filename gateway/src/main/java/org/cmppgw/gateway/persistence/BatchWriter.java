package org.cmppgw.gateway.persistence;

import org.cmppgw.gateway.persistence.sql.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * Group commit: one thread takes queued {@link Write}s, up to {@code maxBatchWeight} rows at a time, applies them in
 * one transaction through a {@link Processor} (which uses JDBC batches), commits, and only then completes their
 * futures. While one transaction commits, the next batch piles up, so the commit cost (an fsync on MariaDB) is shared
 * by every write that arrived meanwhile (docs/design.md §3: group commits, not one transaction per message). A writer
 * whose callers are not waiting on latency may also <em>linger</em>: hold a short batch open for more writes, so that a
 * trickle does not cost a commit per write (on H2 every commit rewrites the changed B-tree pages). A lingering writer
 * sleeps to the end of its linger and then takes what came; a write wakes it early only when the batch would be full.
 * Woken by every write, as a blocking queue would, the outbox lane spent half its CPU, and the callback dispatcher a
 * fifth of its own, on thread wake-ups (one per callback) for writes that waited for the linger's end anyway.
 *
 * <p>Writes are taken in the order they came, except that {@link Write#urgent() urgent} ones go ahead of the others:
 * a verification code accepted in the middle of a campaign waits for the transaction under way, not for every batch
 * of the campaign queued before it.
 *
 * <p>The queue is bounded by total weight: a write that does not fit is refused at once with
 * {@link StoreOverloadedException}, never buffered. When a batch fails, it is rolled back and each of its writes is
 * retried alone, so one bad write fails only itself; the writer thread survives every failure. A batch the database
 * rolled back as a deadlock victim (MariaDB 1213; on a Galera cluster, a write conflict between database nodes found
 * at commit) is first run again whole, a few times: nothing in it was wrong. Futures complete on
 * the writer thread: continuations must be short or hop to their own executor. Time (linger, commit latency) comes
 * from an injected nano clock, so tests drive it.
 *
 * <p>A writer told to {@link #keepConnectionWhileBusy() keep its connection} holds it, auto-commit off, from batch to
 * batch, and gives it back after {@code 100 ms} without writes, after a failed batch, or at the first commit once it
 * has held it for {@code 30 s}, so that under constant load the pool still retires old connections (its
 * {@code maxLifetime}) and a connection to a database node that was replaced is not kept for ever. Borrowing per batch
 * cost two round trips more per transaction on MariaDB ({@code SET autocommit=0}, then the pool's reset to 1), as many
 * as the transaction's own statements on the status lane.
 *
 * @param <W> the writes this writer's {@link Processor} knows (one lane's write types)
 */
public final class BatchWriter<W extends Write<?>> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** How long a kept connection is held before it is given back at a commit (see the class comment). */
    static final Duration MAX_HOLD = Duration.ofSeconds(30);
    private static final long MAX_HOLD_NANOS = MAX_HOLD.toNanos();
    /** Tries of a batch rolled back as a deadlock victim before it counts as failed. */
    private static final int DEADLOCK_ATTEMPTS = 3;

    /** Applies a batch of writes on a connection inside a transaction the writer begins and commits. */
    @FunctionalInterface
    public interface Processor<W extends Write<?>> {
        void process(Connection connection, List<W> writes) throws SQLException;

        /** The writes last processed have committed (never called after a rollback). Writer thread; keep it short. */
        default void committed() {
        }
    }

    /** Observes batches (metrics: batch sizes, commit latency). Called on the writer thread; keep it cheap. */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        /** A batch of {@code writes} is about to be applied. */
        default void batchStarting(int writes) {
        }

        /** A transaction of {@code writes} writes ({@code weight} rows) committed after {@code nanos}. */
        default void committed(int writes, int weight, long nanos) {
        }

        /** {@code writes} writes failed. */
        default void failed(int writes, Throwable cause) {
        }
    }

    /**
     * Counters since start.
     *
     * @param deadlockRetries batches run again whole after the database rolled them back as a deadlock victim
     */
    public record Stats(long transactions, long committedWrites, long failedWrites, long refusedWrites, int queued,
                        long deadlockRetries) {
        /** These counters added to {@code other}'s (several writers seen as one). */
        public Stats plus(Stats other) {
            return new Stats(transactions + other.transactions, committedWrites + other.committedWrites,
                failedWrites + other.failedWrites, refusedWrites + other.refusedWrites, queued + other.queued,
                deadlockRetries + other.deadlockRetries);
        }
    }

    private final String name;
    private final DataSource dataSource;
    private final Processor<W> processor;
    private final Listener listener;
    private final int capacity;
    private final int maxBatchWeight;
    private final long lingerNanos;
    private final LongSupplier nanoClock;
    /** Urgent writes first, then in the order they came (docs/design.md §3 "the store is the queue"). */
    private final PriorityBlockingQueue<Queued<W>> queue = new PriorityBlockingQueue<>();
    private final AtomicLong arrivals = new AtomicLong();
    private final AtomicInteger queuedWeight = new AtomicInteger();
    private final LongAdder transactions = new LongAdder();
    private final LongAdder committedWrites = new LongAdder();
    private final LongAdder failedWrites = new LongAdder();
    private final LongAdder deadlockRetries = new LongAdder();
    private final LongAdder refusedWrites = new LongAdder();
    private final Thread thread;
    private volatile boolean closing;
    /** The writer thread sleeps out a linger: a submit that fills the batch wakes it. */
    private volatile boolean lingering;
    /** What killed the writer thread (an Error from a processor or listener), or null while it lives. */
    private volatile Throwable died;
    /** The batch being applied; read only by the uncaught-exception handler after the thread died. */
    private volatile List<W> current = List.of();
    /** Taken from the queue while lingering but too heavy for that batch: it starts the next one. Writer thread. */
    private W carried;
    /** Set before the thread starts, read only by it. */
    private boolean keepConnection;
    /** The connection of the batch under way, and kept between batches, auto-commit off; or null. Writer thread. */
    private Connection held;
    /** When {@link #held} was borrowed, on {@link #nanoClock}. Writer thread. */
    private long heldSince;

    /**
     * @param name           names the thread and prefixes error messages
     * @param capacity       the most rows that may wait in the queue
     * @param maxBatchWeight the most rows per transaction (a single heavier write still gets its own transaction)
     */
    public BatchWriter(String name, DataSource dataSource, Processor<W> processor, int capacity, int maxBatchWeight,
                       Listener listener) {
        this(name, dataSource, processor, capacity, maxBatchWeight, Duration.ZERO, listener);
    }

    /**
     * As {@link #BatchWriter(String, DataSource, Processor, int, int, Listener)}, holding each batch open up to
     * {@code linger} after its first write for more writes (zero: take what is queued and go).
     */
    public BatchWriter(String name, DataSource dataSource, Processor<W> processor, int capacity, int maxBatchWeight,
                       Duration linger, Listener listener) {
        this(name, dataSource, processor, capacity, maxBatchWeight, linger, listener, System::nanoTime);
    }

    /**
     * As {@link #BatchWriter(String, DataSource, Processor, int, int, Duration, Listener)}, reading time from
     * {@code nanoClock} (a {@link System#nanoTime()} source).
     */
    public BatchWriter(String name, DataSource dataSource, Processor<W> processor, int capacity, int maxBatchWeight,
                       Duration linger, Listener listener, LongSupplier nanoClock) {
        if (linger.isNegative()) {
            throw new IllegalArgumentException("linger: " + linger + " (expected: >= 0)");
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: >= 1)");
        }
        if (maxBatchWeight < 1) {
            throw new IllegalArgumentException("maxBatchWeight: " + maxBatchWeight + " (expected: >= 1)");
        }
        this.name = name;
        this.dataSource = dataSource;
        this.processor = processor;
        this.listener = listener;
        this.capacity = capacity;
        this.maxBatchWeight = maxBatchWeight;
        this.lingerNanos = linger.toNanos();
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.setUncaughtExceptionHandler((t, e) -> die(e));
    }

    /**
     * Keeps one connection from batch to batch while writes keep coming (see the class comment). Only for a pool with
     * a connection to spare for every such writer besides the readers. Call before {@link #start()}.
     */
    public BatchWriter<W> keepConnectionWhileBusy() {
        if (thread.getState() != Thread.State.NEW) {
            throw new IllegalStateException(name + " - already started");
        }
        keepConnection = true;
        return this;
    }

    /** Starts the writer thread; writes submitted before wait in the queue. */
    public void start() {
        thread.start();
    }

    /**
     * Queues a write. Its {@link Write#future() future} has already failed with {@link StoreOverloadedException} when
     * the queue cannot take its weight, or with {@link StoreException} when the writer is closed.
     */
    public void submit(W write) {
        int weight = write.weight();
        if (weight < 1 || weight > capacity) {
            throw new IllegalArgumentException("weight: " + weight + " (expected: 1.." + capacity + ")");
        }
        if (!reserve(weight)) {
            refusedWrites.increment();
            write.fail(new StoreOverloadedException(name + " - write queue full (queued=" + queuedWeight.get()
                + ", capacity=" + capacity + ", weight=" + weight + ")"));
            return;
        }
        if (closing || died != null) {
            queuedWeight.addAndGet(-weight);
            write.fail(new StoreException(name + (died != null ? " - writer died (" + died + ")" : " - closed")));
            return;
        }
        queue.add(new Queued<>(write, arrivals.getAndIncrement()));
        if (lingering && queuedWeight.get() >= maxBatchWeight) {
            LockSupport.unpark(thread);
        }
        if (died != null) {
            // The thread died between our check and the add: nobody else will fail this write.
            failQueued(died);
        }
    }

    /** Rows waiting in the queue. */
    public int queued() {
        return queuedWeight.get();
    }

    public Stats stats() {
        return new Stats(transactions.sum(), committedWrites.sum(), failedWrites.sum(), refusedWrites.sum(),
            queuedWeight.get(), deadlockRetries.sum());
    }

    /** Stops taking writes, lets the thread finish every queued one, and waits for it up to {@code timeout}. */
    public void close(Duration timeout) {
        closing = true;
        if (!thread.isAlive() && thread.getState() != Thread.State.NEW) {
            return;
        }
        // a lingering batch goes at once
        LockSupport.unpark(thread);
        if (thread.getState() == Thread.State.NEW) {
            thread.start();
        }
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("{} - writer still busy after {} ms (queued={})", name, timeout.toMillis(), queuedWeight.get());
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    private boolean reserve(int weight) {
        for (;;) {
            int current = queuedWeight.get();
            if (current + weight > capacity) {
                return false;
            }
            if (queuedWeight.compareAndSet(current, current + weight)) {
                return true;
            }
        }
    }

    private void run() {
        List<W> batch = new ArrayList<>();
        for (;;) {
            W first;
            try {
                first = next(POLL_NANOS);
            } catch (InterruptedException e) {
                // Only close() may stop the writer: queued writes must still complete.
                continue;
            }
            if (first == null) {
                releaseHeld();
                if (closing && queuedWeight.get() == 0) {
                    return;
                }
                continue;
            }
            int weight = fill(batch, first);
            queuedWeight.addAndGet(-weight);
            current = batch;
            execute(batch, weight);
            current = List.of();
            batch.clear();
        }
    }

    /**
     * The carried-over write, else the queue's head, waiting up to {@code timeoutNanos} (0: not at all). Writes
     * withdrawn while queued are dropped here: from this point on a write can no longer be withdrawn.
     */
    private W next(long timeoutNanos) throws InterruptedException {
        if (carried != null) {
            W write = carried;
            carried = null;
            return write;
        }
        for (;;) {
            Queued<W> queued = timeoutNanos <= 0 ? queue.poll() : queue.poll(timeoutNanos, TimeUnit.NANOSECONDS);
            W write = queued == null ? null : queued.write;
            if (write == null || write.take()) {
                return write;
            }
            queuedWeight.addAndGet(-write.weight());
        }
    }

    private int fill(List<W> batch, W first) {
        batch.add(first);
        int weight = first.weight();
        long deadline = nanoClock.getAsLong() + lingerNanos;
        while (weight < maxBatchWeight) {
            W next;
            try {
                next = next(0);
            } catch (InterruptedException e) {
                break;
            }
            if (next == null) {
                long left = deadline - nanoClock.getAsLong();
                if (closing || left <= 0) {
                    break;
                }
                // In slices, so that a clock driven by a test is read again.
                sleepLingering(Math.min(left, POLL_NANOS));
                if (Thread.interrupted()) {
                    // as when the queue's wait was interrupted: the batch goes now (parking again would not wait)
                    break;
                }
                continue;
            }
            if (weight + next.weight() > maxBatchWeight) {
                carried = next;
                break;
            }
            batch.add(next);
            weight += next.weight();
        }
        return weight;
    }

    /**
     * Sleeps up to {@code nanos}, unless the queued writes already fill a batch or the writer closes. Not in the
     * queue's wait: there every write would wake the thread (see the class comment).
     */
    private void sleepLingering(long nanos) {
        lingering = true;
        // read after the flag is set: a submit that filled the batch before it could see the flag is seen here
        if (queuedWeight.get() < maxBatchWeight && !closing) {
            LockSupport.parkNanos(this, nanos);
        }
        lingering = false;
    }

    private void execute(List<W> batch, int weight) {
        listener.batchStarting(batch.size());
        long start = nanoClock.getAsLong();
        try {
            transaction(batch);
        } catch (SQLException | RuntimeException e) {
            if (batch.size() == 1 || e instanceof NoConnectionException) {
                failAll(batch, e);
            } else {
                LOG.warn("{} - batch of {} writes failed, retrying each alone: {}", name, batch.size(), e.toString());
                isolate(batch);
            }
            return;
        }
        transactions.increment();
        committedWrites.add(batch.size());
        listener.committed(batch.size(), weight, nanoClock.getAsLong() - start);
        afterCommit();
        for (Write<?> write : batch) {
            write.complete();
        }
    }

    private void isolate(List<W> batch) {
        for (int i = 0; i < batch.size(); i++) {
            W write = batch.get(i);
            write.reset();
            long start = nanoClock.getAsLong();
            try {
                transaction(List.of(write));
            } catch (NoConnectionException e) {
                failAll(batch.subList(i, batch.size()), e);
                return;
            } catch (SQLException | RuntimeException e) {
                failAll(List.of(write), e);
                continue;
            }
            transactions.increment();
            committedWrites.increment();
            listener.committed(1, write.weight(), nanoClock.getAsLong() - start);
            afterCommit();
            write.complete();
        }
    }

    private void afterCommit() {
        try {
            processor.committed();
        } catch (RuntimeException e) {
            LOG.error("{} - after-commit step failed (the commit stands)", name, e);
        }
    }

    private void transaction(List<W> writes) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                once(writes);
                return;
            } catch (SQLException e) {
                if (attempt >= DEADLOCK_ATTEMPTS || !Transactions.isDeadlock(e)) {
                    throw e;
                }
                deadlockRetries.increment();
                for (int i = 0; i < writes.size(); i++) {
                    writes.get(i).reset();
                }
            }
        }
    }

    private void once(List<W> writes) throws SQLException {
        if (held == null) {
            held = borrow();
            heldSince = nanoClock.getAsLong();
        }
        try {
            processor.process(held, writes);
            held.commit();
        } catch (SQLException | RuntimeException e) {
            rollback(held, e);
            // given back: a connection the failure broke is dropped by the pool, and the retry borrows another
            releaseHeld();
            throw e;
        }
        if (!keepConnection || nanoClock.getAsLong() - heldSince >= MAX_HOLD_NANOS) {
            releaseHeld();
        }
    }

    /** A connection from the pool, auto-commit off. */
    private Connection borrow() throws SQLException {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new NoConnectionException(e);
        }
        try {
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            closeQuietly(connection, e);
            throw e;
        }
        return connection;
    }

    private void releaseHeld() {
        if (held != null) {
            Connection connection = held;
            held = null;
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("{} - closing its connection failed", name, e);
            }
        }
    }

    private static void closeQuietly(Connection connection, Exception cause) {
        try {
            connection.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private void failAll(List<? extends Write<?>> writes, Exception cause) {
        failedWrites.add(writes.size());
        listener.failed(writes.size(), cause);
        Exception reported = cause instanceof NoConnectionException ? (Exception) cause.getCause() : cause;
        StoreException failure = cause instanceof StoreException se ? se
            : new StoreException(name + " - write failed (" + reported + ")", reported);
        for (Write<?> write : writes) {
            write.fail(failure);
        }
    }

    /** The writer thread died of an Error: fail its batch and everything queued, and refuse new writes. */
    private void die(Throwable cause) {
        died = cause;
        releaseHeld();
        LOG.error("{} - writer thread died, the store accepts no more writes", name, cause);
        StoreException failure = new StoreException(name + " - writer died (" + cause + ")", cause);
        for (Write<?> write : current) {
            write.fail(failure);
        }
        if (carried != null) {
            queuedWeight.addAndGet(-carried.weight());
            failedWrites.increment();
            carried.fail(failure);
            carried = null;
        }
        failQueued(cause);
    }

    private void failQueued(Throwable cause) {
        StoreException failure = new StoreException(name + " - writer died (" + cause + ")", cause);
        for (Queued<W> queued = queue.poll(); queued != null; queued = queue.poll()) {
            W write = queued.write;
            queuedWeight.addAndGet(-write.weight());
            failedWrites.increment();
            write.fail(failure);
        }
    }

    /** A write in the queue: {@link Write#urgent() urgent} ones first, each kind in order of arrival. */
    private static final class Queued<W extends Write<?>> implements Comparable<Queued<W>> {
        final W write;
        private final boolean urgent;
        private final long arrival;

        Queued(W write, long arrival) {
            this.write = write;
            this.urgent = write.urgent();
            this.arrival = arrival;
        }

        @Override
        public int compareTo(Queued<W> other) {
            if (urgent != other.urgent) {
                return urgent ? -1 : 1;
            }
            return Long.compare(arrival, other.arrival);
        }
    }

    /** The pool gave no connection: retrying writes one by one would only wait for it again. */
    private static final class NoConnectionException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoConnectionException(SQLException cause) {
            super(cause);
        }
    }
}
