package org.cmppgw.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * {@link GatewayMetrics} on Micrometer's {@link PrometheusMeterRegistry}; the meter names are listed on
 * {@link GatewayMetrics}. Meters are created on first use and cached, so repeated calls with the same labels look up
 * a small table and allocate nothing. Latencies are histograms with fixed buckets (service-level objectives) rather
 * than client-side percentiles, so they aggregate across gateway nodes in Prometheus.
 */
public final class PrometheusGatewayMetrics implements GatewayMetrics {
    static final Duration[] API_BUCKETS = durations(1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000);
    static final Duration[] STORE_BUCKETS = durations(1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 5000);
    static final Duration[] CALLBACK_BUCKETS = durations(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000);

    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gcMetrics;
    private final AtomicInteger apiConnectionsActive = new AtomicInteger();
    private final Counter apiConnections;
    private final Map<String, Counter> apiConnectionsRefused = new ConcurrentHashMap<>();
    private final Counter apiRequestTimeouts;
    private final Counter acceptsWithdrawn;
    private final Counter acceptsOutcomeUnknown;
    private final Counter resends;
    private final Counter callbackFailures;
    private final Map<String, Counter> expired = new ConcurrentHashMap<>();
    private final Map<String, Counter> moved = new ConcurrentHashMap<>();
    private final Map<String, Counter> purged = new ConcurrentHashMap<>();
    private final Map<String, Counter> emailSends = new ConcurrentHashMap<>();
    private final Map<String, Counter> smtpConnections = new ConcurrentHashMap<>();
    private final Counter callbackStaleRetries;
    private final Map<String, Counter> clicks = new ConcurrentHashMap<>();
    private final Counter unknownClicks;
    private final Map<String, ApiMeters> apiByEndpoint = new ConcurrentHashMap<>();
    private final Map<String, StoreMeters> storeByOperation = new ConcurrentHashMap<>();
    private final Map<String, PrometheusProviderMetrics> providers = new ConcurrentHashMap<>();
    private final Map<String, Gauge> queues = new ConcurrentHashMap<>();
    private final Map<CallbackOutcome, Counter> callbackAttempts = new EnumMap<>(CallbackOutcome.class);
    private final Map<CallbackOutcome, Timer> callbackDurations = new EnumMap<>(CallbackOutcome.class);

    /** A registry of its own, with the JVM and process meters bound. */
    public PrometheusGatewayMetrics() {
        this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    public PrometheusGatewayMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        this.gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(registry);
        apiConnections = Counter.builder("cmppgw.api.connections")
            .description("Connections clients opened to the HTTP API").register(registry);
        Gauge.builder("cmppgw.api.connections.active", apiConnectionsActive, AtomicInteger::get)
            .description("Open connections to the HTTP API").register(registry);
        // both limits exported from the start, so a rate() over them is 0 rather than absent
        for (String limit : new String[] {"total", "per_address"}) {
            apiConnectionsRefused.put(limit, refusedCounter(limit));
        }
        unknownClicks = Counter.builder("cmppgw.click.unknown")
            .description("Tracking URLs answered 404: a malformed or unknown token").register(registry);
        apiRequestTimeouts = Counter.builder("cmppgw.api.request.timeouts")
            .description("API connections cut off because a request did not arrive within server.requestReadTimeout")
            .register(registry);
        acceptsWithdrawn = Counter.builder("cmppgw.api.accepts.withdrawn")
            .description("Messages of sends answered 503 because the store had not taken them within "
                + "server.acceptTimeout; none of them was stored")
            .register(registry);
        acceptsOutcomeUnknown = Counter.builder("cmppgw.api.accepts.outcome.unknown")
            .description("Messages of sends answered 503 at server.acceptTimeout while their group commit was under"
                + " way: the commit decides whether they are stored")
            .register(registry);
        resends = Counter.builder("cmppgw.resends.after.crash")
            .description("Submits sent again after a restart because their outcome was unknown").register(registry);
        callbackFailures = Counter.builder("cmppgw.callback.failures")
            .description("Callbacks abandoned after the whole retry schedule").register(registry);
        // exported from the start, so a rate() over them is 0 rather than absent
        for (String kind : new String[] {"no_report", "unsent", "parked_report"}) {
            expired.put(kind, expiredCounter(kind));
        }
        for (String kind : new String[] {"messages", "message_rows", "mo", "callbacks"}) {
            purged.put(kind, purgedCounter(kind));
        }
        callbackStaleRetries = Counter.builder("cmppgw.callback.stale.retries")
            .description("Callback POSTs sent again at once on a new connection: their reused keep-alive connection"
                + " was found closed, or their pipelined one ended, before their answer").register(registry);
        for (CallbackOutcome outcome : CallbackOutcome.values()) {
            callbackAttempts.put(outcome, Counter.builder("cmppgw.callback.attempts").tag("outcome", outcome.label())
                .description("Callback POSTs to apps, by outcome").register(registry));
            callbackDurations.put(outcome, Timer.builder("cmppgw.callback.duration").tag("outcome", outcome.label())
                .serviceLevelObjectives(CALLBACK_BUCKETS).description("Callback POST duration").register(registry));
        }
    }

    /** The registry {@code /metrics} scrapes. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void apiConnectionOpened() {
        apiConnections.increment();
        apiConnectionsActive.incrementAndGet();
    }

    @Override
    public void apiConnectionClosed() {
        apiConnectionsActive.decrementAndGet();
    }

    @Override
    public void apiConnectionRefused(String limit) {
        apiConnectionsRefused.computeIfAbsent(limit, this::refusedCounter).increment();
    }

    private Counter refusedCounter(String limit) {
        return Counter.builder("cmppgw.api.connections.refused").tag("limit", limit)
            .description("API connections closed at once because they were over a limit").register(registry);
    }

    @Override
    public void apiRequestTimedOut() {
        apiRequestTimeouts.increment();
    }

    @Override
    public void acceptWithdrawn(int messages) {
        acceptsWithdrawn.increment(messages);
    }

    @Override
    public void acceptOutcomeUnknown(int messages) {
        acceptsOutcomeUnknown.increment(messages);
    }

    @Override
    public void apiRequest(String endpoint, int httpStatus, int code, long durationNanos) {
        ApiMeters meters = api(endpoint);
        meters.requests.get(httpStatus, code).increment();
        meters.duration.record(durationNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void messagesAccepted(String endpoint, int count) {
        api(endpoint).accepted.increment(count);
    }

    @Override
    public void recipientsRejected(String endpoint, int code, int count) {
        api(endpoint).rejected.get(0, code).increment(count);
    }

    private ApiMeters api(String endpoint) {
        ApiMeters meters = apiByEndpoint.get(endpoint);
        return meters != null ? meters : apiByEndpoint.computeIfAbsent(endpoint, e -> new ApiMeters(registry, e));
    }

    @Override
    public ProviderMetrics provider(String provider) {
        // Its failover counter exists from the start, so a rate() over it is 0 rather than absent.
        moved.computeIfAbsent(provider, this::movedCounter);
        return providers.computeIfAbsent(provider, p -> new PrometheusProviderMetrics(registry, p));
    }

    @Override
    public void storeCommit(String operation, int batchSize, long commitNanos) {
        StoreMeters meters = storeByOperation.get(operation);
        if (meters == null) {
            meters = storeByOperation.computeIfAbsent(operation, op -> new StoreMeters(registry, op));
        }
        meters.batchSize.record(batchSize);
        meters.commit.record(commitNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void resentAfterCrash(int count) {
        resends.increment(count);
    }

    @Override
    public void callbackAttempt(CallbackOutcome outcome, long durationNanos) {
        callbackAttempts.get(outcome).increment();
        callbackDurations.get(outcome).record(durationNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void callbackGaveUp() {
        callbackFailures.increment();
    }

    @Override
    public void expired(String kind, long count) {
        expired.computeIfAbsent(kind, this::expiredCounter).increment(count);
    }

    private Counter expiredCounter(String kind) {
        return Counter.builder("cmppgw.expired").tag("kind", kind)
            .description("Messages made final for want of a report or past their time to live in the queue, and parked"
                + " reports deleted unmatched")
            .register(registry);
    }

    @Override
    public void movedToBackup(String provider, int count) {
        moved.computeIfAbsent(provider, this::movedCounter).increment(count);
    }

    private Counter movedCounter(String provider) {
        return Counter.builder("cmppgw.moved.to.backup").tag("provider", provider)
            .description("Messages queued in memory for a provider that went down, none of their parts sent, moved to"
                + " their route's backup")
            .register(registry);
    }

    @Override
    public void click(String channel) {
        clicks.computeIfAbsent(channel, c -> Counter.builder("cmppgw.clicks").tag("channel", c)
            .description("Clicks on tracked links, repeated ones included").register(registry)).increment();
    }

    @Override
    public void unknownClick() {
        unknownClicks.increment();
    }

    @Override
    public void historyPurged(String kind, long count) {
        purged.computeIfAbsent(kind, this::purgedCounter).increment(count);
    }

    private Counter purgedCounter(String kind) {
        return Counter.builder("cmppgw.history.purged").tag("kind", kind)
            .description("Rows the history retention deleted").register(registry);
    }

    @Override
    public void emailSend(String provider, String outcome) {
        emailSends.computeIfAbsent(provider + '\n' + outcome, key -> Counter.builder("cmppgw.email.sends")
            .tag("provider", provider).tag("outcome", outcome)
            .description("Mail sends by provider and outcome (delivered, failed, retried, resent)").register(registry))
            .increment();
    }

    @Override
    public void smtpConnectionOpened(String provider) {
        smtpConnections.computeIfAbsent(provider, key -> Counter.builder("cmppgw.email.connections.opened")
            .tag("provider", provider).description("SMTP connections an email provider opened and logged in on")
            .register(registry)).increment();
    }

    @Override
    public void callbackStaleRetry() {
        callbackStaleRetries.increment();
    }

    @Override
    public void registerMismatchedReports(LongSupplier rows) {
        Gauge.builder("cmppgw.reports.mismatched", () -> rows.getAsLong())
            .description("Status reports kept aside, not applied: they named another handset than their message")
            .register(registry);
    }

    @Override
    public void registerBacklog(String provider, String priority, String place, LongSupplier messages) {
        Gauge.builder("cmppgw.backlog.messages", () -> messages.getAsLong())
            .tags("provider", provider, "priority", priority, "place", place)
            .description("Accepted messages not yet submitted, as last counted in the store")
            .register(registry);
    }

    @Override
    public void registerQueue(String queue, LongSupplier depth) {
        queues.compute(queue, (name, previous) -> {
            if (previous != null) {
                registry.remove(previous);
            }
            return Gauge.builder("cmppgw.queue.depth", () -> depth.getAsLong()).tag("queue", name)
                .description("Entries waiting in a bounded in-memory queue").register(registry);
        });
    }

    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }

    static Duration[] durations(long... millis) {
        Duration[] out = new Duration[millis.length];
        for (int i = 0; i < millis.length; i++) {
            out[i] = Duration.ofMillis(millis[i]);
        }
        return out;
    }

    /** Per-endpoint API meters; counters per (status, code) in a small copy-on-write table. */
    private static final class ApiMeters {
        final CounterTable requests;
        final CounterTable rejected;
        final Timer duration;
        final Counter accepted;

        ApiMeters(MeterRegistry registry, String endpoint) {
            requests = new CounterTable((status, code) -> Counter.builder("cmppgw.api.requests")
                .tags("endpoint", endpoint, "status", Integer.toString(status), "code", Integer.toString(code))
                .description("HTTP API requests by endpoint, HTTP status and JSMS code").register(registry));
            rejected = new CounterTable((status, code) -> Counter.builder("cmppgw.api.recipients.rejected")
                .tags("endpoint", endpoint, "code", Integer.toString(code))
                .description("Batch recipients refused, by JSMS code").register(registry));
            duration = Timer.builder("cmppgw.api.request.duration").tag("endpoint", endpoint)
                .serviceLevelObjectives(API_BUCKETS).description("HTTP API request latency").register(registry);
            accepted = Counter.builder("cmppgw.api.messages.accepted").tag("endpoint", endpoint)
                .description("Messages made durable and given a msg_id").register(registry);
        }
    }

    private static final class StoreMeters {
        final DistributionSummary batchSize;
        final Timer commit;

        StoreMeters(MeterRegistry registry, String operation) {
            batchSize = DistributionSummary.builder("cmppgw.store.batch.size").tag("operation", operation)
                .serviceLevelObjectives(1, 10, 50, 100, 250, 500, 1000, 2500, 5000)
                .description("Rows per group commit").register(registry);
            commit = Timer.builder("cmppgw.store.commit").tag("operation", operation)
                .serviceLevelObjectives(STORE_BUCKETS).description("Group commit latency").register(registry);
        }
    }
}
