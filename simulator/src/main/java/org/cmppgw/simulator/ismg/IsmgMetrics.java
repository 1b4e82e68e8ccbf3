package org.cmppgw.simulator.ismg;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The ISMG's meters (docs/design.md §7): connections, SUBMITs and their Result codes, reports by Stat, re-sends and
 * drops, MO messages and injected faults. Labels are bounded: account (configured), result code, Stat (configured mix),
 * MO kind, fault kind; never a number or an id. Counters are created once and cached, so counting costs a map
 * lookup and an add. Thread-safe. Create one per registry: the connection gauges belong to the first instance.
 */
public final class IsmgMetrics {
    public static final String CONNECTIONS = "cmpp.ismg.connections";
    public static final String SUBMITS = "cmpp.ismg.submits";
    public static final String SUBMIT_RESULTS = "cmpp.ismg.submit.results";
    public static final String REPORTS = "cmpp.ismg.reports";
    public static final String REPORTS_RESENT = "cmpp.ismg.reports.resent";
    public static final String REPORTS_DROPPED = "cmpp.ismg.reports.dropped";
    public static final String REPORTS_PENDING = "cmpp.ismg.reports.pending";
    public static final String MO = "cmpp.ismg.mo";
    public static final String FAULTS = "cmpp.ismg.faults";

    /** Reason a report was given up: the queue was full. */
    public static final String DROP_QUEUE_FULL = "queue_full";
    /** Reason a report was given up: it went unacknowledged {@code maxReportSends} times. */
    public static final String DROP_MAX_SENDS = "max_sends";

    private static final int CACHED_RESULT_CODES = 256;

    private final MeterRegistry registry;
    private final ConcurrentMap<String, AccountMeters> accounts = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> faults = new ConcurrentHashMap<>();

    public IsmgMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Meters that go nowhere, for tests and runs without a metrics endpoint. */
    public static IsmgMetrics noop() {
        return new IsmgMetrics(new CompositeMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void connectionOpened(String account) {
        meters(account).connections.incrementAndGet();
    }

    public void connectionClosed(String account) {
        meters(account).connections.decrementAndGet();
    }

    /** A SUBMIT answered (or decided) with {@code result} (docs/cmpp-protocol.md §11.2). */
    public void submitted(String account, long result) {
        AccountMeters m = meters(account);
        m.submits.increment();
        m.result(result).increment();
    }

    /** A report handed out for its first send. */
    public void reportSent(String account, String stat) {
        meters(account).stats.computeIfAbsent(stat,
            s -> Counter.builder(REPORTS).tags(Tags.of("account", account, "stat", s)).register(registry)).increment();
    }

    /** A report handed out again (unacknowledged, or a deliberate duplicate). */
    public void reportResent(String account) {
        meters(account).resent.increment();
    }

    /** A report given up; {@code reason} is {@link #DROP_QUEUE_FULL} or {@link #DROP_MAX_SENDS}. */
    public void reportDropped(String account, String reason) {
        meters(account).dropped.computeIfAbsent(reason,
            r -> Counter.builder(REPORTS_DROPPED).tags(Tags.of("account", account, "reason", r)).register(registry))
            .increment();
    }

    /** One MO DELIVER sent; {@code kind} is one of {@link MoGenerator}'s kinds. */
    public void moSent(String account, String kind) {
        meters(account).mo.computeIfAbsent(kind,
            k -> Counter.builder(MO).tags(Tags.of("account", account, "kind", k)).register(registry)).increment();
    }

    /** A fault injected; {@code kind} is one of {@link SubmitFaults}' kinds. */
    public void fault(String kind) {
        faults.computeIfAbsent(kind, k -> Counter.builder(FAULTS).tag("kind", k).register(registry)).increment();
    }

    /** Publishes the number of reports waiting in {@code queue}. */
    public void watch(ReportQueue queue) {
        Gauge.builder(REPORTS_PENDING, queue, ReportQueue::size).strongReference(true).register(registry);
    }

    private AccountMeters meters(String account) {
        AccountMeters m = accounts.get(account);
        return m != null ? m : accounts.computeIfAbsent(account, a -> new AccountMeters(a, registry));
    }

    private static final class AccountMeters {
        final String account;
        final MeterRegistry registry;
        // Held here: the registry keeps only a weak reference to a gauge's object.
        final AtomicInteger connections = new AtomicInteger();
        final Counter submits;
        final Counter resent;
        final AtomicReferenceArray<Counter> results = new AtomicReferenceArray<>(CACHED_RESULT_CODES);
        final ConcurrentMap<String, Counter> stats = new ConcurrentHashMap<>();
        final ConcurrentMap<String, Counter> dropped = new ConcurrentHashMap<>();
        final ConcurrentMap<String, Counter> mo = new ConcurrentHashMap<>();

        AccountMeters(String account, MeterRegistry registry) {
            this.account = account;
            this.registry = registry;
            Tags tags = Tags.of("account", account);
            Gauge.builder(CONNECTIONS, connections, AtomicInteger::get).tags(tags).register(registry);
            submits = Counter.builder(SUBMITS).tags(tags).register(registry);
            resent = Counter.builder(REPORTS_RESENT).tags(tags).register(registry);
        }

        Counter result(long code) {
            if (code >= 0 && code < CACHED_RESULT_CODES) {
                Counter c = results.get((int) code);
                if (c == null) {
                    // Registering twice returns the same meter, so a racing thread gets the same counter.
                    c = register(code);
                    results.set((int) code, c);
                }
                return c;
            }
            return register(code);
        }

        private Counter register(long code) {
            return Counter.builder(SUBMIT_RESULTS).tags(Tags.of("account", account, "result", Long.toString(code)))
                .register(registry);
        }
    }
}
