package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.model.CallbackTask;
import org.cmppgw.gateway.model.CarrierReport;
import org.cmppgw.gateway.model.FinalReport;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.model.MoMessage;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.model.ReportOutcome;
import org.cmppgw.gateway.model.StoredMessage;
import org.cmppgw.gateway.model.SubmitOutcome;
import org.cmppgw.gateway.persistence.BatchWriter;
import org.cmppgw.gateway.persistence.MessageStore;
import org.cmppgw.gateway.persistence.StoreException;
import org.cmppgw.gateway.persistence.StoreOverloadedException;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javax.sql.DataSource;

/**
 * {@link MessageStore} on JDBC (H2 or MariaDB, schema from {@code db/migration}). Writes go through one
 * {@link BatchWriter} per store (group commit); reads run on the caller's executor, which should be bounded: a read
 * it rejects fails with {@link StoreOverloadedException}. Time stamps of the store's own (parking, outbox due times)
 * come from the injected clock.
 */
public final class JdbcMessageStore implements MessageStore {
    private final BatchWriter writer;
    private final StoreReads reads;
    private final Executor readExecutor;
    private final Clock clock;
    private final StoreSettings settings;

    private JdbcMessageStore(DataSource dataSource, StoreSettings settings, Clock clock, Executor readExecutor,
                             BatchWriter.Listener listener) {
        this.settings = settings;
        this.clock = clock;
        this.readExecutor = readExecutor;
        this.reads = new StoreReads(dataSource);
        StoreProcessor processor = new StoreProcessor(Dialect.of(dataSource), settings.nodeId(), clock);
        this.writer = new BatchWriter("store-writer-" + settings.nodeId(), dataSource, processor,
            settings.queueCapacity(), settings.maxBatchRows(), listener);
    }

    /** Opens a store on a migrated data source (see {@link DataSources}) and starts its writer. */
    public static JdbcMessageStore open(DataSource dataSource, StoreSettings settings, Clock clock,
                                        Executor readExecutor) {
        return open(dataSource, settings, clock, readExecutor, BatchWriter.Listener.NONE);
    }

    /** As {@link #open(DataSource, StoreSettings, Clock, Executor)}, with a listener for batch metrics. */
    public static JdbcMessageStore open(DataSource dataSource, StoreSettings settings, Clock clock,
                                        Executor readExecutor, BatchWriter.Listener listener) {
        JdbcMessageStore store = new JdbcMessageStore(Objects.requireNonNull(dataSource, "dataSource"),
            Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(clock, "clock"),
            Objects.requireNonNull(readExecutor, "readExecutor"), Objects.requireNonNull(listener, "listener"));
        store.writer.start();
        return store;
    }

    /** Group-commit counters: transactions, writes, refusals, queue depth. */
    public BatchWriter.Stats writerStats() {
        return writer.stats();
    }

    @Override
    public CompletableFuture<Void> accept(List<OutboundMessage> messages) {
        if (messages.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return writer.submit(new StoreWrites.Accept(messages));
    }

    @Override
    public CompletableFuture<Void> recordSubmitted(List<SubmitOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return writer.submit(new StoreWrites.Submitted(outcomes));
    }

    @Override
    public CompletableFuture<ReportOutcome> recordReport(CarrierReport report) {
        return writer.submit(new StoreWrites.Report(Objects.requireNonNull(report, "report")));
    }

    @Override
    public CompletableFuture<Boolean> recordFinal(long msgId, MessageStatus status, String stat, Instant at) {
        // FinalReport's constructor checks the status is final and the stat fits.
        FinalReport checked = new FinalReport(msgId, "", status, stat, at);
        return writer.submit(new StoreWrites.Final(msgId, checked.status(), stat, at.toEpochMilli()));
    }

    @Override
    public CompletableFuture<Integer> matchParkedReports(int max) {
        return writer.submit(new StoreWrites.MatchParked(positive("max", max)));
    }

    @Override
    public CompletableFuture<Boolean> storeMo(MoMessage mo) {
        return writer.submit(new StoreWrites.StoreMo(Objects.requireNonNull(mo, "mo")));
    }

    @Override
    public CompletableFuture<List<CallbackTask>> claimCallbacks(int max, Duration lease) {
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease: " + lease + " (expected: > 0)");
        }
        return writer.submit(new StoreWrites.Claim(positive("max", max), lease));
    }

    @Override
    public CompletableFuture<Void> markCallbackSent(long taskId) {
        return writer.submit(new StoreWrites.CallbackDone(taskId, StoreWrites.CallbackDone.Kind.SENT, 0));
    }

    @Override
    public CompletableFuture<Void> rescheduleCallback(long taskId, Instant nextAttemptAt) {
        return writer.submit(new StoreWrites.CallbackDone(taskId, StoreWrites.CallbackDone.Kind.RESCHEDULED,
            nextAttemptAt.toEpochMilli()));
    }

    @Override
    public CompletableFuture<Void> deferCallback(long taskId, Instant dueAt) {
        return writer.submit(new StoreWrites.CallbackDone(taskId, StoreWrites.CallbackDone.Kind.DEFERRED,
            dueAt.toEpochMilli()));
    }

    @Override
    public CompletableFuture<Void> abandonCallback(long taskId) {
        return writer.submit(new StoreWrites.CallbackDone(taskId, StoreWrites.CallbackDone.Kind.ABANDONED, 0));
    }

    @Override
    public CompletableFuture<List<FinalReport>> pullReports(String appKey, int max) {
        return writer.submit(new StoreWrites.PullReports(Objects.requireNonNull(appKey, "appKey"),
            positive("max", max)));
    }

    @Override
    public CompletableFuture<List<MoMessage>> pullReplies(String appKey, int max) {
        return writer.submit(new StoreWrites.PullReplies(Objects.requireNonNull(appKey, "appKey"),
            positive("max", max)));
    }

    @Override
    public CompletableFuture<Optional<StoredMessage>> findMessage(long msgId) {
        return read("findMessage", () -> reads.find(msgId));
    }

    @Override
    public CompletableFuture<List<OutboundMessage>> pendingForResend(int nodeId, long afterMsgId, int max) {
        positive("max", max);
        return read("pendingForResend", () -> reads.pending(nodeId, afterMsgId, max));
    }

    @Override
    public CompletableFuture<Long> maxMessageId() {
        return read("maxMessageId", reads::maxMessageId);
    }

    @Override
    public CompletableFuture<Long> countParkedReports() {
        return read("countParkedReports", reads::countParked);
    }

    @Override
    public void close() {
        writer.close(settings.closeTimeout());
    }

    /** A query that may fail with SQLException. */
    @FunctionalInterface
    private interface Query<T> {
        T run() throws SQLException;
    }

    private <T> CompletableFuture<T> read(String what, Query<T> query) {
        CompletableFuture<T> future = new CompletableFuture<>();
        try {
            readExecutor.execute(() -> {
                try {
                    future.complete(query.run());
                } catch (SQLException | RuntimeException e) {
                    future.completeExceptionally(new StoreException("store - " + what + " failed (" + e + ")", e));
                }
            });
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(new StoreOverloadedException("store - read executor busy (" + what + ")"));
        }
        return future;
    }

    private static int positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: >= 1)");
        }
        return value;
    }

    @Override
    public String toString() {
        return "JdbcMessageStore(node=" + settings.nodeId() + ", clock=" + clock + ")";
    }
}
