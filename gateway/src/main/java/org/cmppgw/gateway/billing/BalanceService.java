package org.cmppgw.gateway.billing;

import io.netty.util.concurrent.DefaultThreadFactory;
import org.cmppgw.gateway.config.BalanceAlertConfig;
import org.cmppgw.gateway.model.SmsType;
import org.cmppgw.gateway.persistence.BalanceStore;
import org.cmppgw.gateway.persistence.BillingRules;
import org.cmppgw.gateway.persistence.StoreOverloadedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The balances as the API sees them (docs/api.md "Balances and billing"): the account's and each app's, the
 * operator's top-ups, allocations and returns, the operation log (all apps' or one app's), and each app's balance
 * alert settings (docs/api.md "Balance alerts"). Every call runs on the service's own thread, behind a bounded queue:
 * a full queue fails the call with {@link StoreOverloadedException} (503).
 *
 * <p>The alert settings live in the store so every node sees an operator's change; the thresholds the accept
 * transaction compares spends with are the billing rules' {@link org.cmppgw.gateway.persistence.AlertThresholds},
 * replaced in memory after each save here and each {@link #reloadAlertSettings() reload} (every node reloads
 * periodically), so billing a message never reads them from the database.
 */
public final class BalanceService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BalanceService.class);
    private static final int QUEUE_CAPACITY = 1_000;
    /** How often each node reloads the alert settings, so another node's edit is in force here within this. */
    public static final Duration RELOAD = Duration.ofSeconds(5);

    private final BalanceStore store;
    private final BillingRules rules;
    private final Clock clock;
    private final ThreadPoolExecutor worker;

    /** One page of the operation log, newest first. */
    public record LogPage(long total, int page, int pageSize, List<BalanceStore.LogEntry> entries) {
    }

    /** The operator name of settings written from the configuration. */
    private static final String CONFIGURED = "";

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
        return log(null, page, pageSize);
    }

    /**
     * Page {@code page} (from 1) of {@code appKey}'s operations in the log, or of every operation when it is null.
     *
     * @throws IllegalArgumentException when page or pageSize is below 1
     */
    public CompletableFuture<LogPage> log(String appKey, int page, int pageSize) {
        if (page < 1 || pageSize < 1) {
            throw new IllegalArgumentException("page, pageSize: " + page + ", " + pageSize + " (expected: >= 1)");
        }
        long offset = (long) (page - 1) * pageSize;
        if (appKey == null) {
            return run(() -> new LogPage(store.logSize(), page, pageSize,
                offset > Integer.MAX_VALUE ? List.of() : store.log((int) offset, pageSize)));
        }
        return run(() -> new LogPage(store.logSize(appKey), page, pageSize,
            offset > Integer.MAX_VALUE ? List.of() : store.log(appKey, (int) offset, pageSize)));
    }

    /**
     * At a node's start, before it accepts messages: writes the configuration's {@code billing.alerts} for each app
     * that has no stored settings (an operator's edit is kept), then loads every app's into the billing rules.
     * Blocking.
     */
    public void startAlertSettings(List<BalanceAlertConfig> configured) {
        List<BalanceStore.AlertSetting> seeds = new ArrayList<>(configured.size());
        long now = clock.millis();
        for (BalanceAlertConfig alert : configured) {
            seeds.add(new BalanceStore.AlertSetting(alert.appKey(), alert.mobiles(), alert.industry(), alert.market(),
                alert.voice(), CONFIGURED, now));
        }
        int written = store.seedAlertSettings(seeds);
        if (written > 0) {
            LOG.info("billing - {} apps' balance alert settings written from billing.alerts", written);
        }
        load(store.alertSettings());
    }

    /**
     * Reads every app's alert settings again, so a change saved on another node reaches this one's billing; a failure
     * is logged and the thresholds in use are kept.
     */
    public CompletableFuture<Void> reloadAlertSettings() {
        return run(() -> {
            try {
                load(store.alertSettings());
            } catch (RuntimeException e) {
                LOG.warn("billing - cannot reload the balance alert settings, the current ones stay: {}",
                    e.toString());
            }
            return null;
        });
    }

    /** Every app's stored alert settings, by app key. */
    public CompletableFuture<List<BalanceStore.AlertSetting>> alertSettings() {
        return run(store::alertSettings);
    }

    /** {@code appKey}'s stored alert settings, empty when it has none. */
    public CompletableFuture<Optional<BalanceStore.AlertSetting>> alertSetting(String appKey) {
        return run(() -> store.alertSettings().stream().filter(s -> s.appKey().equals(appKey)).findFirst());
    }

    /**
     * Saves an app's alert settings, checked with the bounds of {@code billing.alerts}, and puts its thresholds in
     * force on this node at once (on the others at their next reload). Logged with the operator's name.
     */
    public CompletableFuture<BalanceStore.AlertSetting> saveAlertSetting(String operator, BalanceAlertConfig setting) {
        return run(() -> {
            BalanceStore.AlertSetting saved = new BalanceStore.AlertSetting(setting.appKey(), setting.mobiles(),
                setting.industry(), setting.market(), setting.voice(), operator, clock.millis());
            store.saveAlertSetting(saved);
            load(store.alertSettings());
            LOG.info("billing - operator {} set the balance alerts of app={}: industry below {}, market below {},"
                + " voice below {}, {} contacts", operator, setting.appKey(), setting.industry(), setting.market(),
                setting.voice(), setting.mobiles().size());
            return saved;
        });
    }

    private void load(List<BalanceStore.AlertSetting> settings) {
        if (!rules.enabled()) {
            // nothing is spent, so nothing crosses a threshold; BillingRules.OFF is shared and stays as it is
            return;
        }
        Map<String, Map<SmsType, Long>> thresholds = new HashMap<>();
        for (BalanceStore.AlertSetting setting : settings) {
            Map<SmsType, Long> own = new EnumMap<>(SmsType.class);
            for (SmsType type : SmsType.values()) {
                own.put(type, setting.threshold(type));
            }
            thresholds.put(setting.appKey(), own);
        }
        rules.thresholds().replace(thresholds);
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
