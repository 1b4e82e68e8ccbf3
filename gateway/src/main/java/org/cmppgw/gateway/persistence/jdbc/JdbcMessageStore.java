package org.cmppgw.gateway.persistence.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.cmppgw.gateway.callback.outbox.NewCallbacks;
import org.cmppgw.gateway.callback.outbox.OutboxPhase;
import org.cmppgw.gateway.callback.outbox.ReportsHeldInFinals;
import org.cmppgw.gateway.persistence.sql.MessagesHeldInRows;
import org.cmppgw.gateway.model.CallbackTask;
import org.cmppgw.gateway.model.CallbackType;
import org.cmppgw.gateway.model.CarrierReport;
import org.cmppgw.gateway.model.FinalReport;
import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.model.MoMessage;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.model.ReportOutcome;
import org.cmppgw.gateway.model.StoredMessage;
import org.cmppgw.gateway.model.SubmitOutcome;
import org.cmppgw.gateway.model.WithdrawOutcome;
import org.cmppgw.gateway.persistence.AcceptHook;
import org.cmppgw.gateway.persistence.BatchWriter;
import org.cmppgw.gateway.persistence.MessageStore;
import org.cmppgw.gateway.persistence.QueueEntry;
import org.cmppgw.gateway.persistence.StoreException;
import org.cmppgw.gateway.persistence.StoreOverloadedException;
import org.cmppgw.gateway.persistence.Withdrawals;
import org.cmppgw.gateway.persistence.Write;
import org.cmppgw.gateway.persistence.sql.Dialect;
import org.cmppgw.gateway.model.TemplateType;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * {@link MessageStore} on JDBC (H2 or MariaDB, schema from {@code db/migration}). Writes are group-committed by three
 * {@link BatchWriter}s, one per {@link Lane}, each with its own thread, connection and queue: accepts never wait
 * behind a burst of reports, and the callback outbox never slows either. Writes that must see each other in order
 * share a lane (a report must see the submit recorded before it). Reads run on the caller's executor, which should be
 * bounded: a read it rejects fails with {@link StoreOverloadedException}. Time stamps of the store's own (parking,
 * outbox due times) come from the injected clock.
 *
 * <p>Back-pressure reaches the API from every lane: accepts are refused while the status lane is more than half full,
 * so a carrier flood of reports slows intake instead of growing queues.
 */
public final class JdbcMessageStore implements MessageStore, Withdrawals {
    /** Connections a pool keeps besides one per lane before the lanes keep theirs: reads and the health probe. */
    static final int SPARE_CONNECTIONS = 3;
    /** The store's writers, and how long each holds a short batch open for more writes. */
    public enum Lane {
        /** Accepted messages: the API waits for them, so they never linger. */
        ACCEPT(Duration.ZERO),
        /**
         * Submit outcomes, reports, finals, parked-report sweeps, MO messages, pulls. Never lingers: the carrier's
         * DELIVER window waits for each report's commit before its DELIVER_RESP, so this lane's latency caps the
         * report rate (window x connections / latency).
         */
        STATUS(Duration.ZERO),
        /** Callback claims and their outcomes: a few ms more before a callback is never noticed. */
        OUTBOX(Duration.ofMillis(20));

        private final Duration linger;

        Lane(Duration linger) {
            this.linger = linger;
        }

        /** The lane's name in thread names and metrics. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final BatchWriter<AcceptPhase.Accept> accepts;
    private final BatchWriter<StatusWrite<?>> statuses;
    private final BatchWriter<OutboxWrite<?>> outbox;
    private final StoreReads reads;
    private final PullRateTable pullRates;
    private final Executor readExecutor;
    private volatile NewCallbacks.Handoff handoff;
    private final Clock clock;
    private final StoreSettings settings;
    /** The messages this node holds in their rows: written by the lanes, handed back by its queue. */
    private final MessagesHeldInRows heldInRows = new MessagesHeldInRows();

    private JdbcMessageStore(DataSource dataSource, StoreSettings settings, Clock clock, Executor readExecutor,
                             Function<Lane, BatchWriter.Listener> listeners) {
        this.settings = settings;
        this.clock = clock;
        this.readExecutor = readExecutor;
        this.reads = new StoreReads(dataSource);
        this.pullRates = new PullRateTable(dataSource);
        Dialect dialect = Dialect.of(dataSource);
        MessageIdGenerator outboxIds;
        try {
            // The system clock, not the injected one: these ids only need to be unique, and rise across restarts.
            outboxIds = new MessageIdGenerator(settings.nodeId(), System::currentTimeMillis, reads.maxOutboxId());
        } catch (SQLException e) {
            throw new StoreException("store - cannot read the callback outbox (" + e + ")", e);
        }
        this.accepts = writer(Lane.ACCEPT, dialect, dataSource,
            new AcceptPhase(settings.nodeId(), new SendLedger(dialect, settings.rules().recipients()),
                new BalanceLedger(settings.billing()), heldInRows), listeners);
        ReportsHeldInFinals finals = new ReportsHeldInFinals();
        this.statuses = writer(Lane.STATUS, dialect, dataSource, new StatusLane(dialect, clock, outboxIds,
            () -> handoff, settings.callbacks(), finals, heldInRows, settings.nodeId(),
            settings.rules().unsubscribing()), listeners);
        this.outbox = writer(Lane.OUTBOX, dialect, dataSource, new OutboxLane(dialect, settings.nodeId(), clock,
            finals), listeners);
    }

    private <W extends Write<?>> BatchWriter<W> writer(Lane lane, Dialect dialect, DataSource dataSource,
                                                       BatchWriter.Processor<W> processor,
                                                       Function<Lane, BatchWriter.Listener> listeners) {
        BatchWriter<W> writer = new BatchWriter<>("store-" + lane.label() + "-" + settings.nodeId(), dataSource,
            processor, settings.queueCapacity(), settings.maxBatchRows(), lane.linger,
            Objects.requireNonNull(listeners.apply(lane), "listener"));
        return keepsConnections(dialect, dataSource) ? writer.keepConnectionWhileBusy() : writer;
    }

    /**
     * Whether the lanes keep their connections while busy: on MariaDB, where it saves two round trips per
     * transaction, and only in a pool with one connection for each lane and {@value #SPARE_CONNECTIONS} more (the
     * default 8 has them). Under load the lanes were in a transaction nearly all the time anyway; what they keep now
     * is the gaps between batches, given back after 100 ms without writes.
     */
    static boolean keepsConnections(Dialect dialect, DataSource dataSource) {
        return dialect == Dialect.MARIADB && dataSource instanceof HikariDataSource pool
            && pool.getMaximumPoolSize() >= Lane.values().length + SPARE_CONNECTIONS;
    }

    /** Queues {@code write} on the status lane; its future says when it committed (or why not). */
    private <R> CompletableFuture<R> onStatusLane(StatusWrite<R> write) {
        statuses.submit(write);
        return write.future();
    }

    /** Queues {@code write} on the outbox lane; its future says when it committed (or why not). */
    private <R> CompletableFuture<R> onOutboxLane(OutboxWrite<R> write) {
        outbox.submit(write);
        return write.future();
    }

    /** Opens a store on a migrated data source (see {@link DataSources}) and starts its writers. */
    public static JdbcMessageStore open(DataSource dataSource, StoreSettings settings, Clock clock,
                                        Executor readExecutor) {
        return open(dataSource, settings, clock, readExecutor, BatchWriter.Listener.NONE);
    }

    /** As {@link #open(DataSource, StoreSettings, Clock, Executor)}, with one listener for every lane's batches. */
    public static JdbcMessageStore open(DataSource dataSource, StoreSettings settings, Clock clock,
                                        Executor readExecutor, BatchWriter.Listener listener) {
        Objects.requireNonNull(listener, "listener");
        return open(dataSource, settings, clock, readExecutor, lane -> listener);
    }

    /** As {@link #open(DataSource, StoreSettings, Clock, Executor)}, with a listener per lane (batch metrics). */
    public static JdbcMessageStore open(DataSource dataSource, StoreSettings settings, Clock clock,
                                        Executor readExecutor, Function<Lane, BatchWriter.Listener> listeners) {
        JdbcMessageStore store = new JdbcMessageStore(Objects.requireNonNull(dataSource, "dataSource"),
            Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(clock, "clock"),
            Objects.requireNonNull(readExecutor, "readExecutor"), Objects.requireNonNull(listeners, "listeners"));
        store.accepts.start();
        store.statuses.start();
        store.outbox.start();
        return store;
    }

    /** Group-commit counters of every lane added up: transactions, writes, refusals, queue depth. */
    public BatchWriter.Stats writerStats() {
        return accepts.stats().plus(statuses.stats()).plus(outbox.stats());
    }

    /** Messages waiting for the accept writer (not yet in a transaction). */
    public int queuedAccepts() {
        return accepts.queued();
    }

    @Override
    public CompletableFuture<Void> accept(List<OutboundMessage> messages) {
        List<QueueEntry> entries = new ArrayList<>(messages.size());
        for (OutboundMessage message : messages) {
            entries.add(QueueEntry.immediate(message, null));
        }
        return admit(entries).thenApply(verdicts -> null);
    }

    @Override
    public CompletableFuture<int[]> admit(List<OutboundMessage> messages, List<TemplateType> types) {
        if (types.size() != messages.size()) {
            throw new IllegalArgumentException("types: " + types.size() + " (expected: one per message, "
                + messages.size() + ")");
        }
        List<QueueEntry> entries = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            entries.add(QueueEntry.immediate(messages.get(i), Objects.requireNonNull(types.get(i), "type")));
        }
        return admit(entries);
    }

    @Override
    public CompletableFuture<int[]> admit(List<QueueEntry> entries) {
        return admit(entries, null);
    }

    @Override
    public CompletableFuture<int[]> admit(List<QueueEntry> entries, AcceptHook hook) {
        if (entries.isEmpty()) {
            return CompletableFuture.completedFuture(new int[0]);
        }
        int behind = statuses.queued();
        if (behind > settings.queueCapacity() / 2) {
            return CompletableFuture.failedFuture(new StoreOverloadedException(
                "store - status updates behind (queued=" + behind + ", capacity=" + settings.queueCapacity() + ")"));
        }
        AcceptPhase.Accept write = new AcceptPhase.Accept(entries, hook);
        accepts.submit(write);
        return write.future();
    }

    @Override
    public CompletableFuture<Void> recordSubmitted(List<SubmitOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return onStatusLane(new StatusWrite.Submitted(outcomes));
    }

    @Override
    public CompletableFuture<ReportOutcome> recordReport(CarrierReport report) {
        return onStatusLane(new StatusWrite.Report(Objects.requireNonNull(report, "report")));
    }

    @Override
    public CompletableFuture<Boolean> recordFinal(long msgId, MessageStatus status, String stat, Instant at) {
        // FinalReport's constructor checks the status is final and the stat fits.
        FinalReport checked = new FinalReport(msgId, "", status, stat, at);
        return onStatusLane(new StatusWrite.Final(msgId, checked.status(), stat, at.toEpochMilli()));
    }

    @Override
    public CompletableFuture<WithdrawOutcome> withdraw(long msgId, String appKey) {
        return onStatusLane(new StatusWrite.Withdraw(msgId, Objects.requireNonNull(appKey, "appKey"),
            StatusWrite.Withdraw.WAITING));
    }

    @Override
    public CompletableFuture<WithdrawOutcome> withdrawHeld(long msgId, String appKey, int nodeId) {
        if (nodeId < 0) {
            throw new IllegalArgumentException("nodeId: " + nodeId + " (expected: >= 0)");
        }
        return onStatusLane(new StatusWrite.Withdraw(msgId, Objects.requireNonNull(appKey, "appKey"), nodeId));
    }

    @Override
    public CompletableFuture<Integer> matchParkedReports(int max) {
        return onStatusLane(new StatusWrite.MatchParked(positive("max", max)));
    }

    @Override
    public CompletableFuture<Boolean> storeMo(MoMessage mo) {
        return onStatusLane(new StatusWrite.StoreMo(Objects.requireNonNull(mo, "mo")));
    }

    @Override
    public CompletableFuture<List<CallbackTask>> claimCallbacks(int max, Duration lease) {
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease: " + lease + " (expected: > 0)");
        }
        return onOutboxLane(new OutboxWrite.Claim(positive("max", max), lease.toMillis()));
    }

    @Override
    public CompletableFuture<Integer> reclaimOwnCallbacks() {
        return onOutboxLane(new OutboxWrite.ReclaimOwn());
    }

    @Override
    public CompletableFuture<Integer> pullForwardCallbacks(String appKey, String url, int max) {
        return onOutboxLane(new OutboxWrite.PullForward(Objects.requireNonNull(appKey, "appKey"),
            Objects.requireNonNull(url, "url"), positive("max", max)));
    }

    @Override
    public void handNewCallbacksTo(Consumer<List<CallbackTask>> sink) {
        handoff = sink == null ? null : new NewCallbacks.Handoff(settings.nodeId(), sink);
    }

    /**
     * The messages this node holds in their message rows (V33__held_in_message_row.sql): the node's
     * {@link JdbcMessageQueue} must share them, it writes the mark that lets the lanes hold any.
     */
    public MessagesHeldInRows heldInRows() {
        return heldInRows;
    }

    /**
     * Where callback rows written outside this store's lanes (the email store's EMAIL_REPORTs) go now, as
     * {@link #handNewCallbacksTo} set it; null while new rows are due at once for any claimer.
     */
    public NewCallbacks.Handoff callbackHandoff() {
        return handoff;
    }

    @Override
    public CompletableFuture<Void> markCallbackSent(CallbackTask task) {
        long reportMsgId = task.payload() instanceof FinalReport report ? report.msgId() : 0;
        return onOutboxLane(new OutboxWrite.CallbackDone(new OutboxPhase.Done(task.id(), OutboxPhase.Kind.SENT,
            clock.millis(), reportMsgId, task.attempts(), task.held())));
    }

    @Override
    public CompletableFuture<Void> rescheduleCallback(long taskId, Instant nextAttemptAt) {
        return onOutboxLane(new OutboxWrite.CallbackDone(new OutboxPhase.Done(taskId, OutboxPhase.Kind.RESCHEDULED,
            nextAttemptAt.toEpochMilli())));
    }

    @Override
    public CompletableFuture<Void> deferCallback(long taskId, Instant dueAt) {
        return onOutboxLane(new OutboxWrite.CallbackDone(new OutboxPhase.Done(taskId, OutboxPhase.Kind.DEFERRED,
            dueAt.toEpochMilli())));
    }

    @Override
    public CompletableFuture<Void> abandonCallback(long taskId) {
        return onOutboxLane(new OutboxWrite.CallbackDone(
            new OutboxPhase.Done(taskId, OutboxPhase.Kind.ABANDONED, 0)));
    }

    @Override
    public CompletableFuture<List<FinalReport>> pullReports(String appKey, int max) {
        return onStatusLane(new StatusWrite.PullReports(Objects.requireNonNull(appKey, "appKey"),
            positive("max", max)));
    }

    @Override
    public CompletableFuture<List<MoMessage>> pullReplies(String appKey, int max) {
        return onStatusLane(new StatusWrite.PullReplies(Objects.requireNonNull(appKey, "appKey"),
            positive("max", max)));
    }

    @Override
    public CompletableFuture<Boolean> takePull(String appKey, CallbackType type, long nowMillis, long intervalMillis) {
        Objects.requireNonNull(appKey, "appKey");
        Objects.requireNonNull(type, "type");
        return read("takePull", () -> pullRates.take(appKey, type, nowMillis, intervalMillis));
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
    public CompletableFuture<Long> countMismatchedReports() {
        return read("countMismatchedReports", reads::countMismatched);
    }

    @Override
    public void close() {
        // Outcomes first: a submit outcome or report still queued must not wait behind callbacks.
        statuses.close(settings.closeTimeout());
        accepts.close(settings.closeTimeout());
        outbox.close(settings.closeTimeout());
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
