package org.cmppgw.gateway.billing;

import io.netty.util.concurrent.DefaultThreadFactory;
import org.cmppgw.gateway.model.SmsType;
import org.cmppgw.gateway.persistence.BalanceStore;
import org.cmppgw.gateway.persistence.BillingRules;
import org.cmppgw.gateway.persistence.StoreOverloadedException;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The balances as the API sees them (docs/api.md "Balances and billing"): the account's and each app's, the
 * operator's top-ups, allocations and returns, and the operation log. Every call runs on the service's own thread,
 * behind a bounded queue: a full queue fails the call with {@link StoreOverloadedException} (503).
 */
public final class BalanceService implements AutoCloseable {
    private static final int QUEUE_CAPACITY = 1_000;

    private final BalanceStore store;
    private final BillingRules rules;
    private final Clock clock;
    private final ThreadPoolExecutor worker;

    /** One page of the operation log, newest first. */
    public record LogPage(long total, int page, int pageSize, List<BalanceStore.LogEntry> entries) {
    }

    public BalanceService(BalanceStore store, BillingRules rules, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE_CAPACITY),
            new DefaultThreadFactory("balances", true));
    }

    /** The balances of {@code owner} ({@link BalanceStore#ACCOUNT} for the account's unallocated balance). */
    public CompletableFuture<BalanceStore.Balances> balances(String owner) {
        return run(() -> store.read(owner));
    }

    /** The account's and every app's balances. */
    public CompletableFuture<List<BalanceStore.Balances>> all() {
        return run(store::readAll);
    }

    /** One operator operation, logged with {@code operator}; re-arms the app's alert when it ends above threshold. */
    public CompletableFuture<BalanceStore.Change> apply(String operator, BalanceStore.Operation operation,
                                                        String appKey, SmsType type, long amount) {
        return run(() -> store.apply(operator, operation, appKey, type, amount, rules.threshold(appKey, type),
            clock.millis()));
    }

    /**
     * Page {@code page} (from 1) of the operation log, {@code pageSize} entries a page.
     *
     * @throws IllegalArgumentException when page or pageSize is below 1
     */
    public CompletableFuture<LogPage> log(int page, int pageSize) {
        if (page < 1 || pageSize < 1) {
            throw new IllegalArgumentException("page, pageSize: " + page + ", " + pageSize + " (expected: >= 1)");
        }
        long offset = (long) (page - 1) * pageSize;
        return run(() -> new LogPage(store.logSize(), page, pageSize,
            offset > Integer.MAX_VALUE ? List.of() : store.log((int) offset, pageSize)));
    }

    private <T> CompletableFuture<T> run(Supplier<T> call) {
        try {
            return CompletableFuture.supplyAsync(call, worker);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new StoreOverloadedException("balances - queue full (capacity="
                + QUEUE_CAPACITY + ")"));
        }
    }

    @Override
    public void close() {
        worker.shutdown();
    }
}
