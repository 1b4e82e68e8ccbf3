package org.cmppgw.gateway.persistence;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.cmppgw.testing.Await;
import org.cmppgw.testing.MutableClock;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The group-commit writer on its own, over an in-memory H2 and a processor that only records what it was given. */
class BatchWriterTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Longer than any test waits: a lingering batch must close for another reason. */
    private static final Duration LONG_LINGER = Duration.ofMinutes(10);

    private final List<List<String>> batches = new CopyOnWriteArrayList<>();
    private final List<BatchWriter<Probe>> writers = new ArrayList<>();
    /** Stands still until advanced. */
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T08:00:00Z"));
    /** How often the writer read {@link #clock}: it reads it only while it holds a batch. */
    private final AtomicInteger clockReads = new AtomicInteger();

    /** A write that resolves to its name, or makes its whole batch fail. */
    private static class Probe extends Write<String> {
        final String name;
        final boolean poison;
        final int weight;

        Probe(String name, boolean poison, int weight) {
            this.name = name;
            this.poison = poison;
            this.weight = weight;
        }

        @Override
        public int weight() {
            return weight;
        }
    }

    private static Probe probe(String name) {
        return new Probe(name, false, 1);
    }

    /** A probe the writer takes ahead of the others. */
    private static final class UrgentProbe extends Probe {
        UrgentProbe(String name) {
            super(name, false, 1);
        }

        @Override
        public boolean urgent() {
            return true;
        }
    }

    /** Batches still to be rolled back as a deadlock victim, as MariaDB reports it (1213, SQL state 40001). */
    private final AtomicInteger deadlocks = new AtomicInteger();

    /** The connection of each batch, in order. */
    private final List<Connection> connections = new CopyOnWriteArrayList<>();

    private void process(Connection connection, List<Probe> writes) throws SQLException {
        connections.add(connection);
        assertThat(connection.getAutoCommit()).as("inside the writer's transaction").isFalse();
        if (deadlocks.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new SQLTransactionRollbackException("Deadlock found when trying to get lock", "40001", 1213);
        }
        List<String> names = new ArrayList<>();
        boolean poisoned = false;
        for (Probe p : writes) {
            if (p.name.equals("fatal")) {
                throw new OutOfMemoryError("simulated");
            }
            if (p.name.startsWith("aging")) {
                clock.advance(BatchWriter.MAX_HOLD);
            }
            assertThat(p.future()).as("completed only after the commit").isNotDone();
            names.add(p.name);
            p.resolve(p.name);
            poisoned |= p.poison;
        }
        batches.add(names);
        if (poisoned) {
            throw new SQLException("poisoned batch " + names);
        }
    }

    private BatchWriter<Probe> writer(String url, int capacity, int maxBatchWeight, BatchWriter.Listener listener) {
        return writer(url, capacity, maxBatchWeight, Duration.ZERO, listener);
    }

    private BatchWriter<Probe> writer(String url, int capacity, int maxBatchWeight, Duration linger,
                                      BatchWriter.Listener listener) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        BatchWriter<Probe> writer = new BatchWriter<>("test-writer", dataSource, this::process, capacity,
            maxBatchWeight, linger, listener, this::nanoTime);
        writers.add(writer);
        return writer;
    }

    private BatchWriter<Probe> writer(int capacity, int maxBatchWeight, BatchWriter.Listener listener) {
        return writer("jdbc:h2:mem:batch-writer-test", capacity, maxBatchWeight, listener);
    }

    @AfterEach
    void closeWriters() {
        writers.forEach(w -> w.close(TIMEOUT));
    }

    /** Queues {@code probe}; its future. */
    private static CompletableFuture<String> submit(BatchWriter<Probe> writer, Probe probe) {
        writer.submit(probe);
        return probe.future();
    }

    /** The writer's nano source: {@link #clock}, counting the reads. */
    private long nanoTime() {
        clockReads.incrementAndGet();
        return clock.nanoTime();
    }

    /** Waits until the writer has read its clock more than {@code reads} times: it holds a batch open. */
    private void awaitLingering(int reads) {
        Await.until("the writer to linger", TIMEOUT, () -> clockReads.get() > reads);
    }

    /** A started writer whose thread {@code gate} holds inside the batch of {@code first}. */
    private record Held(BatchWriter<Probe> writer, CompletableFuture<String> first) {
    }

    private Held heldAt(WriterGate gate, int capacity, int maxBatchWeight, String first)
            throws InterruptedException {
        BatchWriter<Probe> writer = writer(capacity, maxBatchWeight, gate);
        writer.start();
        CompletableFuture<String> future = submit(writer, probe(first));
        gate.awaitEntered();
        return new Held(writer, future);
    }

    /** Three writes queued before the start, one per batch: three batches back to back, the queue never empty. */
    private List<CompletableFuture<String>> threeBatchesInARow(BatchWriter<Probe> writer, String poisoned) {
        List<CompletableFuture<String>> futures = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            futures.add(submit(writer, new Probe(name, name.equals(poisoned), 1)));
        }
        writer.start();
        return futures;
    }

    @Test
    void aWriterKeepingItsConnectionUsesOneForBatchesInARowAndGivesItBackWhenIdle() throws Exception {
        BatchWriter<Probe> writer = writer(100, 1, BatchWriter.Listener.NONE).keepConnectionWhileBusy();

        for (CompletableFuture<String> f : threeBatchesInARow(writer, "")) {
            Await.result("a batch", f);
        }

        assertThat(batches).containsExactly(List.of("a"), List.of("b"), List.of("c"));
        assertThat(connections).hasSize(3).containsOnly(connections.get(0));
        Connection kept = connections.get(0);
        Await.until("the idle writer to give its connection back", TIMEOUT, () -> isClosed(kept));
        assertThat(Await.result("after idling", submit(writer, probe("d")))).isEqualTo("d");
        assertThat(connections.get(3)).isNotSameAs(kept);
        assertThatThrownBy(writer::keepConnectionWhileBusy).isInstanceOf(IllegalStateException.class)
            .hasMessage("test-writer - already started");
    }

    @Test
    void aKeptConnectionIsGivenBackAtTheFirstCommitAfterItsMaximumHoldSoThePoolCanRetireIt() throws Exception {
        BatchWriter<Probe> writer = writer(100, 1, BatchWriter.Listener.NONE).keepConnectionWhileBusy();
        List<CompletableFuture<String>> futures = new ArrayList<>();
        for (String name : List.of("a", "aging-b", "c", "d")) {
            futures.add(submit(writer, probe(name)));
        }
        writer.start();

        for (CompletableFuture<String> f : futures) {
            Await.result("a batch", f);
        }

        // a and aging-b share the first connection; the clock passes the maximum hold inside aging-b's batch
        assertThat(connections).hasSize(4);
        assertThat(connections.get(1)).isSameAs(connections.get(0));
        assertThat(isClosed(connections.get(0))).as("given back at aging-b's commit").isTrue();
        assertThat(connections.get(2)).isNotSameAs(connections.get(0));
        assertThat(connections.get(3)).as("the new connection is kept again").isSameAs(connections.get(2));
    }

    @Test
    void aWriterNotKeepingItsConnectionGivesItBackAfterEveryBatch() throws Exception {
        BatchWriter<Probe> writer = writer(100, 1, BatchWriter.Listener.NONE);

        for (CompletableFuture<String> f : threeBatchesInARow(writer, "")) {
            Await.result("a batch", f);
        }

        assertThat(connections).hasSize(3).doesNotHaveDuplicates();
        Await.until("every connection given back", TIMEOUT, () -> connections.stream().allMatch(c -> isClosed(c)));
    }

    @Test
    void aKeptConnectionIsGivenBackWhenItsBatchFailsAndTheNextBatchBorrowsAnother() throws Exception {
        BatchWriter<Probe> writer = writer(100, 1, BatchWriter.Listener.NONE).keepConnectionWhileBusy();

        List<CompletableFuture<String>> futures = threeBatchesInARow(writer, "b");

        assertThat(Await.result("a", futures.get(0))).isEqualTo("a");
        assertThat(Await.failure("b", futures.get(1))).hasRootCauseMessage("poisoned batch [b]");
        assertThat(Await.result("c", futures.get(2))).isEqualTo("c");
        assertThat(connections.get(1)).isSameAs(connections.get(0));
        assertThat(isClosed(connections.get(1))).as("the failed batch's connection, given back").isTrue();
        assertThat(connections.get(2)).isNotSameAs(connections.get(1));
    }

    private static boolean isClosed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void poisonedWriteFailsAloneAndTheWriterGoesOn() throws Exception {
        WriterGate gate = new WriterGate();
        Held held = heldAt(gate, 100, 100, "first");
        BatchWriter<Probe> writer = held.writer();
        CompletableFuture<String> first = held.first();
        List<CompletableFuture<String>> good = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            good.add(submit(writer, probe("good-" + i)));
        }
        CompletableFuture<String> bad = submit(writer, new Probe("bad", true, 1));
        gate.release();

        assertThat(Await.result("first", first)).isEqualTo("first");
        for (int i = 0; i < 4; i++) {
            assertThat(Await.result("good-" + i, good.get(i))).isEqualTo("good-" + i);
        }
        assertThat(Await.failure("bad", bad)).isInstanceOf(StoreException.class)
            .hasRootCauseMessage("poisoned batch [bad]");
        assertThat(Await.result("after", submit(writer, probe("after")))).isEqualTo("after");
        // The failed batch of five, then each of its writes alone.
        assertThat(batches).containsSubsequence(List.of("good-0", "good-1", "good-2", "good-3", "bad"),
            List.of("good-0"), List.of("good-1"), List.of("good-2"), List.of("good-3"), List.of("bad"));
        BatchWriter.Stats stats = writer.stats();
        assertThat(stats.failedWrites()).isEqualTo(1);
        assertThat(stats.committedWrites()).isEqualTo(6);
    }

    @Test
    void aBatchRolledBackAsADeadlockVictimIsRunAgainWhole() throws Exception {
        WriterGate gate = new WriterGate();
        deadlocks.set(2);
        Held held = heldAt(gate, 100, 100, "first");
        BatchWriter<Probe> writer = held.writer();
        CompletableFuture<String> first = held.first();
        List<CompletableFuture<String>> group = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            group.add(submit(writer, probe("w-" + i)));
        }
        gate.release();

        assertThat(Await.result("first", first)).isEqualTo("first");
        for (int i = 0; i < 3; i++) {
            assertThat(Await.result("w-" + i, group.get(i))).isEqualTo("w-" + i);
        }
        // "first" lost twice and committed on its third try; the group behind it was never split.
        assertThat(batches).containsExactly(List.of("first"), List.of("w-0", "w-1", "w-2"));
        BatchWriter.Stats stats = writer.stats();
        assertThat(stats.deadlockRetries()).isEqualTo(2);
        assertThat(stats.transactions()).as("the group committed as one, not write by write").isEqualTo(2);
        assertThat(stats.failedWrites()).isZero();
    }

    @Test
    void aWriteWithdrawnWhileQueuedIsNeverAppliedAndOneBeingWrittenCannotBeWithdrawn() throws Exception {
        WriterGate gate = new WriterGate();
        Held holding = heldAt(gate, 10, 100, "held");
        BatchWriter<Probe> writer = holding.writer();
        CompletableFuture<String> held = holding.first();
        CompletableFuture<String> withdrawn = submit(writer, new Probe("withdrawn", false, 4));
        CompletableFuture<String> kept = submit(writer, probe("kept"));

        assertThat(held.cancel(false)).as("taken into the batch the writer holds").isFalse();
        assertThat(withdrawn.cancel(false)).isTrue();
        assertThat(writer.queued()).as("its weight stays reserved until the writer drops it").isEqualTo(5);
        gate.release();

        assertThat(Await.result("held", held)).isEqualTo("held");
        assertThat(Await.result("kept", kept)).isEqualTo("kept");
        assertThat(withdrawn).isCancelled();
        assertThat(batches).containsExactly(List.of("held"), List.of("kept"));
        assertThat(writer.queued()).isZero();
        assertThat(kept.cancel(false)).as("completed").isFalse();
    }

    @Test
    void urgentWritesGoAheadOfQueuedOnesAndEachKindKeepsItsOrder() throws Exception {
        WriterGate gate = new WriterGate();
        Held holding = heldAt(gate, 100, 1, "campaign-0");
        BatchWriter<Probe> writer = holding.writer();
        CompletableFuture<String> held = holding.first();
        List<CompletableFuture<String>> all = new ArrayList<>();
        all.add(submit(writer, probe("campaign-1")));
        all.add(submit(writer, probe("campaign-2")));
        all.add(submit(writer, new UrgentProbe("code-1")));
        all.add(submit(writer, probe("campaign-3")));
        all.add(submit(writer, new UrgentProbe("code-2")));
        gate.release();
        Await.result("campaign-0", held);
        all.forEach(f -> Await.result("a queued write", f));

        assertThat(batches).containsExactly(List.of("campaign-0"), List.of("code-1"), List.of("code-2"),
            List.of("campaign-1"), List.of("campaign-2"), List.of("campaign-3"));
    }

    @Test
    void batchesAreBoundedByWeight() throws Exception {
        WriterGate gate = new WriterGate();
        Held held = heldAt(gate, 100, 10, "first");
        BatchWriter<Probe> writer = held.writer();
        CompletableFuture<String> first = held.first();
        List<CompletableFuture<String>> heavy = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            heavy.add(submit(writer, new Probe("heavy-" + i, false, 4)));
        }
        gate.release();
        Await.result("first", first);
        heavy.forEach(f -> Await.result("a heavy write", f));

        assertThat(batches).containsExactly(List.of("first"), List.of("heavy-0", "heavy-1"),
            List.of("heavy-2", "heavy-3"), List.of("heavy-4"));
        assertThat(writer.stats().transactions()).isEqualTo(4);
        assertThatThrownBy(() -> submit(writer, new Probe("too-heavy", false, 101)))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("weight: 101 (expected: 1..100)");
    }

    @Test
    void withoutAConnectionEveryWriteFailsAtOnceWithoutRetries() {
        BatchWriter<Probe> writer = writer("jdbc:h2:file:./target/no-such-dir/none;IFEXISTS=TRUE", 100, 100,
            BatchWriter.Listener.NONE);
        List<CompletableFuture<String>> futures = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            futures.add(submit(writer, probe("w" + i)));
        }
        writer.start();

        for (CompletableFuture<String> f : futures) {
            assertThat(Await.failure("a write without a connection", f)).isInstanceOf(StoreException.class)
                .hasMessageContaining("test-writer - write failed");
        }
        assertThat(batches).isEmpty();
        assertThat(writer.stats().failedWrites()).isEqualTo(3);
    }

    @Test
    void writerKilledByAnErrorFailsItsWritesAndRefusesNewOnes() throws Exception {
        WriterGate gate = new WriterGate();
        BatchWriter<Probe> writer = writer(100, 1, gate);
        // The death is provoked: keep its ERROR line (and stack trace) off the build output, and check it is logged.
        Logger logger = (Logger) LoggerFactory.getLogger(BatchWriter.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        logger.setAdditive(false);
        try {
            writer.start();
            CompletableFuture<String> first = submit(writer, probe("first"));
            gate.awaitEntered();
            CompletableFuture<String> fatal = submit(writer, probe("fatal"));
            CompletableFuture<String> queued = submit(writer, probe("queued"));
            gate.release();

            assertThat(Await.result("first", first)).isEqualTo("first");
            assertThat(Await.failure("fatal", fatal)).isInstanceOf(StoreException.class)
                .hasMessageContaining("writer died (java.lang.OutOfMemoryError: simulated)");
            assertThat(Await.failure("queued", queued)).isInstanceOf(StoreException.class);
            assertThatThrownBy(() -> submit(writer, probe("late")).join()).hasMessageContaining("writer died");
            assertThat(log.list).filteredOn(e -> e.getLevel() == Level.ERROR).singleElement()
                .extracting(ILoggingEvent::getFormattedMessage).asString()
                .endsWith("writer thread died, the store accepts no more writes");
        } finally {
            logger.setAdditive(true);
            logger.detachAppender(log);
        }
    }

    @Test
    void closeFinishesQueuedWritesThenRefusesNewOnes() {
        BatchWriter<Probe> writer = writer(100, 100, BatchWriter.Listener.NONE);
        List<CompletableFuture<String>> queued = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            queued.add(submit(writer, probe("q" + i)));
        }

        writer.close(TIMEOUT);

        assertThat(queued).allSatisfy(f -> assertThat(f).isCompleted());
        assertThat(batches).containsExactly(List.of("q0", "q1", "q2"));
        CompletableFuture<String> late = submit(writer, probe("late"));
        assertThatThrownBy(late::join).hasCauseInstanceOf(StoreException.class).hasMessageContaining("closed");
    }

    @Test
    void lingeringWriterGathersATrickleIntoOneBatchAndGoesWhenFull() throws Exception {
        BatchWriter<Probe> writer = writer("jdbc:h2:mem:batch-writer-test", 100, 3, LONG_LINGER,
            BatchWriter.Listener.NONE);
        writer.start();
        List<CompletableFuture<String>> trickle = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int reads = clockReads.get();
            trickle.add(submit(writer, probe("t" + i)));
            // One at a time: the writer has moved on before the next write comes.
            awaitLingering(reads);
        }

        // Full at three rows: committed although the clock never reaches the end of the linger.
        trickle.forEach(f -> Await.result("a trickled write", f));
        assertThat(batches).containsExactly(List.of("t0", "t1", "t2"));
    }

    @Test
    void writeTooHeavyForALingeringBatchStartsTheNextOne() {
        BatchWriter<Probe> writer = writer("jdbc:h2:mem:batch-writer-test", 100, 3, LONG_LINGER,
            BatchWriter.Listener.NONE);
        CompletableFuture<String> a = submit(writer, new Probe("a", false, 2));
        CompletableFuture<String> b = submit(writer, new Probe("b", false, 2));
        CompletableFuture<String> c = submit(writer, probe("c"));
        writer.start();

        Await.result("a", a);
        Await.result("b", b);
        Await.result("c", c);
        assertThat(batches).containsExactly(List.of("a"), List.of("b", "c"));
        assertThat(writer.stats().queued()).isZero();
    }

    /** A started writer (batches of up to 10 rows) holding the write "lingering" in a batch open for {@code linger}. */
    private Held lingering(Duration linger) {
        BatchWriter<Probe> writer = writer("jdbc:h2:mem:batch-writer-test", 100, 10, linger, BatchWriter.Listener.NONE);
        writer.start();
        CompletableFuture<String> first = submit(writer, probe("lingering"));
        awaitLingering(0);
        return new Held(writer, first);
    }

    @Test
    void closeDoesNotWaitForALingeringBatch() throws Exception {
        Held held = lingering(LONG_LINGER);

        // Had close() waited for the linger, it would give up after TIMEOUT with the write still open.
        held.writer().close(TIMEOUT);

        assertThat(held.first()).isCompletedWithValue("lingering");
        assertThat(batches).containsExactly(List.of("lingering"));
    }

    @Test
    void anInterruptEndsTheLingerAndTheWriterGoesOn() throws Exception {
        Held held = lingering(LONG_LINGER);

        writerThread().interrupt();

        // the clock never moved: only the interrupt can have ended the linger
        assertThat(Await.result("lingering", held.first())).isEqualTo("lingering");
        CompletableFuture<String> next = submit(held.writer(), probe("next"));
        held.writer().close(TIMEOUT);
        assertThat(next).isCompletedWithValue("next");
        assertThat(batches).containsExactly(List.of("lingering"), List.of("next"));
    }

    private static Thread writerThread() {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals("test-writer") && t.isAlive())
            .findFirst().orElseThrow();
    }

    @Test
    void lingeringBatchGoesWhenTheClockPassesItsDeadline() throws Exception {
        CompletableFuture<String> lingering = lingering(Duration.ofSeconds(1)).first();
        clock.advance(Duration.ofMillis(999));
        awaitLingering(clockReads.get());
        assertThat(lingering).as("held open until the linger ends").isNotDone();

        clock.advance(Duration.ofMillis(1));

        assertThat(Await.result("lingering", lingering)).isEqualTo("lingering");
        assertThat(batches).containsExactly(List.of("lingering"));
    }
}
