package org.cmppgw.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntSupplier;

/** {@link ProviderMetrics} of one provider on Micrometer; see {@link GatewayMetrics} for the names. */
final class PrometheusProviderMetrics implements ProviderMetrics {
    /** The Stat values of docs/cmpp-protocol.md §10.1; anything else is labelled {@code other}. */
    static final String[] KNOWN_STATS = {"DELIVRD", "EXPIRED", "DELETED", "UNDELIV", "ACCEPTD", "UNKNOWN", "REJECTD"};
    static final String OTHER = "other";
    /** Results 0..255 get their own label value; larger (3.0 has 4-byte results) are {@code other}. */
    static final int MAX_LABELLED_RESULT = 255;
    static final Duration[] REPORT_BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
        Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(1)};

    private final MeterRegistry registry;
    private final String provider;
    private final AtomicInteger sessionsActive = new AtomicInteger();
    private final Counter reconnects;
    private final Counter unmatched;
    private final Counter mo;
    private final Timer rateLimitWait;
    private final Timer submitToReport;
    private final Map<String, Counter> reportsByStat;
    private final Counter otherReports;

    PrometheusProviderMetrics(MeterRegistry registry, String provider) {
        this.registry = registry;
        this.provider = provider;
        Gauge.builder("cmppgw.provider.sessions.active", sessionsActive, AtomicInteger::get).tag("provider", provider)
            .description("Logged-in connections of a provider").register(registry);
        reconnects = counter("cmppgw.provider.reconnects", "Reconnect attempts after a lost connection or login");
        unmatched = counter("cmppgw.provider.unmatched.reports", "Status reports that matched no known submit yet");
        mo = counter("cmppgw.provider.mo.messages", "Mobile-originated messages received");
        rateLimitWait = Timer.builder("cmppgw.provider.rate.limit.wait").tag("provider", provider)
            .description("Waits imposed by the provider's TPS limit").register(registry);
        submitToReport = Timer.builder("cmppgw.provider.submit.to.report").tag("provider", provider)
            .serviceLevelObjectives(REPORT_BUCKETS).description("Time from SUBMIT to its status report")
            .register(registry);
        Map<String, Counter> byStat = new HashMap<>();
        for (String stat : KNOWN_STATS) {
            byStat.put(stat, reportCounter(stat));
        }
        reportsByStat = Map.copyOf(byStat);
        otherReports = reportCounter(OTHER);
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).tag("provider", provider).description(description).register(registry);
    }

    private Counter reportCounter(String stat) {
        return Counter.builder("cmppgw.provider.delivery.reports").tags("provider", provider, "stat", stat)
            .description("Status reports by Stat").register(registry);
    }

    @Override
    public SessionMetrics session(String session, IntSupplier windowInUse) {
        return new Session(session, windowInUse);
    }

    @Override
    public void reconnect() {
        reconnects.increment();
    }

    @Override
    public void rateLimitWait(long waitNanos) {
        rateLimitWait.record(waitNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void deliveryReport(String stat) {
        Counter c = stat == null ? null : reportsByStat.get(stat);
        (c != null ? c : otherReports).increment();
    }

    @Override
    public void unmatchedReport() {
        unmatched.increment();
    }

    @Override
    public void submitToReport(long nanos) {
        submitToReport.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void moReceived() {
        mo.increment();
    }

    /** One connection's meters; the counters outlive it, the window gauge does not. */
    private final class Session implements SessionMetrics {
        private final String session;
        private final Counter submits;
        private final Counter timeouts;
        private final Counter unmatchedResponses;
        private final AtomicReferenceArray<Counter> responses = new AtomicReferenceArray<>(MAX_LABELLED_RESULT + 2);
        private final Gauge window;
        private final AtomicBoolean closed = new AtomicBoolean();

        Session(String session, IntSupplier windowInUse) {
            this.session = session;
            submits = Counter.builder("cmppgw.provider.submits").tags("provider", provider, "session", session)
                .description("SUBMITs written, resends included").register(registry);
            timeouts = Counter.builder("cmppgw.provider.submit.timeouts").tags("provider", provider, "session", session)
                .description("SUBMITs without a response after every send").register(registry);
            unmatchedResponses = Counter.builder("cmppgw.provider.unmatched.responses")
                .tags("provider", provider, "session", session)
                .description("Responses no request of the connection waited for (late, duplicate, wrong connection)")
                .register(registry);
            Gauge stale = registry.find("cmppgw.provider.window.in.use").tags("provider", provider, "session", session)
                .gauge();
            if (stale != null) {
                // the previous connection with this index was never closed: its gauge reads a dead window
                registry.remove(stale);
            }
            window = Gauge.builder("cmppgw.provider.window.in.use", () -> windowInUse.getAsInt())
                .tags("provider", provider, "session", session).description("Unacknowledged SUBMITs in the window")
                .register(registry);
            sessionsActive.incrementAndGet();
        }

        @Override
        public void submitSent() {
            submits.increment();
        }

        @Override
        public void submitResponse(long result) {
            int slot = result >= 0 && result <= MAX_LABELLED_RESULT ? (int) result : MAX_LABELLED_RESULT + 1;
            Counter c = responses.get(slot);
            if (c == null) {
                String label = slot <= MAX_LABELLED_RESULT ? Integer.toString(slot) : OTHER;
                c = Counter.builder("cmppgw.provider.submit.responses")
                    .tags("provider", provider, "session", session, "result", label)
                    .description("SUBMIT_RESPs by Result").register(registry);
                responses.compareAndSet(slot, null, c);
            }
            c.increment();
        }

        @Override
        public void submitTimeout() {
            timeouts.increment();
        }

        @Override
        public void responseUnmatched() {
            unmatchedResponses.increment();
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                registry.remove(window);
                sessionsActive.decrementAndGet();
            }
        }
    }
}
