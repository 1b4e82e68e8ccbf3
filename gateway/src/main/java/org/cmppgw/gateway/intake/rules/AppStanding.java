package org.cmppgw.gateway.intake.rules;

import org.cmppgw.gateway.persistence.StandingStore;
import org.cmppgw.gateway.persistence.StandingStore.Standing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Blacklisted apps (JSMS 50036) and the frozen account (50301): the operator's service (docs/api.md, "Admission
 * rules"). The store is the source of truth, shared by every node; each node reads it every {@code refresh} and
 * applies its own changes at once, so admission checks a volatile snapshot and never waits for the database. Store
 * calls run on this object's own thread.
 */
public final class AppStanding implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AppStanding.class);

    private final StandingStore store;
    private final Clock clock;
    private final ScheduledExecutorService thread;
    private volatile Standing current = Standing.GOOD;

    private AppStanding(StandingStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "app-standing");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Reads the store now (blocking: call at start), freezes the account first when {@code startFrozen}, then
     * re-reads every {@code refresh}.
     */
    public static AppStanding start(StandingStore store, Clock clock, Duration refresh, boolean startFrozen) {
        AppStanding standing = new AppStanding(store, clock);
        if (startFrozen) {
            store.writeFrozen(true, clock.millis());
        }
        standing.current = store.read();
        long every = refresh.toMillis();
        standing.thread.scheduleWithFixedDelay(standing::refresh, every, every, TimeUnit.MILLISECONDS);
        return standing;
    }

    /** Standing kept in memory only: for a gateway part run without a store (tests, tools). */
    public static AppStanding inMemory() {
        return new AppStanding(new MemoryStandingStore(), Clock.systemUTC());
    }

    public boolean frozen() {
        return current.frozen();
    }

    public boolean blacklisted(String appKey) {
        return current.blacklisted().contains(appKey);
    }

    /** Blacklists an app (every send 50036) or clears it; completes once stored. */
    public CompletableFuture<Void> setBlacklisted(String appKey, boolean blacklisted) {
        Objects.requireNonNull(appKey, "appKey");
        return CompletableFuture.runAsync(() -> {
            store.writeBlacklisted(appKey, blacklisted, clock.millis());
            current = store.read();
        }, thread);
    }

    /** Freezes the account (every send of every app 50301) or thaws it; completes once stored. */
    public CompletableFuture<Void> setFrozen(boolean frozen) {
        return CompletableFuture.runAsync(() -> {
            store.writeFrozen(frozen, clock.millis());
            current = store.read();
        }, thread);
    }

    /** Re-reads the store now; what a node does on its own every refresh interval. */
    public CompletableFuture<Void> refreshNow() {
        return CompletableFuture.runAsync(this::refresh, thread);
    }

    private void refresh() {
        try {
            current = store.read();
        } catch (RuntimeException e) {
            // keep the last known standing: a database hiccup must not lift a blacklist
            LOG.warn("admission - cannot read app standing from the store, keeping the last one ({})", e.toString());
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }

    /** A store in memory. */
    private static final class MemoryStandingStore implements StandingStore {
        private final Set<String> blacklisted = new HashSet<>();
        private boolean frozen;

        @Override
        public synchronized Standing read() {
            return new Standing(blacklisted, frozen);
        }

        @Override
        public synchronized void writeBlacklisted(String appKey, boolean on, long nowMillis) {
            if (on) {
                blacklisted.add(appKey);
            } else {
                blacklisted.remove(appKey);
            }
        }

        @Override
        public synchronized void writeFrozen(boolean on, long nowMillis) {
            frozen = on;
        }
    }
}
