package org.cmppgw.gateway.callback;

import com.zaxxer.hikari.HikariDataSource;
import org.cmppgw.gateway.config.CallbackConfig;
import org.cmppgw.gateway.config.CircuitBreakerConfig;
import org.cmppgw.gateway.config.ConfigLoader;
import org.cmppgw.gateway.config.GatewayConfig;
import org.cmppgw.gateway.metrics.CallbackOutcome;
import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.cmppgw.gateway.model.CarrierReport;
import org.cmppgw.gateway.model.MoMessage;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.model.SubmitOutcome;
import org.cmppgw.gateway.persistence.SqlCount;
import org.cmppgw.gateway.persistence.jdbc.DataSourceSettings;
import org.cmppgw.gateway.persistence.jdbc.DataSources;
import org.cmppgw.gateway.persistence.jdbc.JdbcMessageStore;
import org.cmppgw.gateway.persistence.jdbc.StoreSettings;
import org.cmppgw.testing.Await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real H2 store in a temp dir, an app configuration pointing at test receivers, and helpers that make final
 * reports the way the gateway does: accept, record the SUBMIT_RESP, record the carrier's report.
 */
final class OutboxFixture implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final String APP = "app-1";
    static final String SECRET = "secret-1";
    static final String PROVIDER = "cmcc-1";
    static final String MOBILE = "13800138000";

    final Clock clock = Clock.systemUTC();
    /** Added to the dispatcher's nano clock: a test moves it ahead while no callback is in flight. */
    final AtomicLong nanoOffset = new AtomicLong();
    final RecordingMetrics metrics = new RecordingMetrics();
    final HikariDataSource dataSource;
    final JdbcMessageStore store;
    private final ExecutorService reads = Executors.newFixedThreadPool(2);
    private final List<CallbackDispatcher> opened = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong(1_000);

    OutboxFixture(Path dir) {
        dataSource = DataSources.open(DataSourceSettings.of("jdbc:h2:file:" + dir.resolve("gateway"), "", ""));
        store = JdbcMessageStore.open(dataSource, StoreSettings.defaults(1), clock, reads);
    }

    /** The gateway configuration with app {@value #APP} registered for {@code urls} (the first is its default). */
    static GatewayConfig config(String... urls) {
        StringBuilder yaml = new StringBuilder("apps:\n  - appKey: " + APP + "\n    masterSecret: " + SECRET
            + "\n    callbackUrls:\n");
        for (int i = 0; i < urls.length; i++) {
            yaml.append("      - {url: '").append(urls[i]).append("', default: ").append(i == 0).append("}\n");
        }
        yaml.append("providers: [{name: p, host: 127.0.0.1, port: 7890, account: '901234', password: pw,"
            + " accessNumber: '1069'}]\n");
        return new ConfigLoader(Map.of()).parse(yaml.toString(), List.of());
    }

    /**
     * Callbacks with a compressed schedule and a breaker that opens after {@code minimumCalls} failures; requests
     * pipelined as deep as the default {@code callbacks.pipelineDepth}, 8.
     */
    static CallbackConfig callbacks(List<Duration> schedule, Duration requestTimeout, int perEndpoint,
                                    int minimumCalls, Duration openDuration) {
        return callbacks(schedule, requestTimeout, perEndpoint, 8, minimumCalls, openDuration);
    }

    /** As {@link #callbacks(List, Duration, int, int, Duration)}, {@code pipelineDepth} requests per connection. */
    static CallbackConfig callbacks(List<Duration> schedule, Duration requestTimeout, int perEndpoint,
                                    int pipelineDepth, int minimumCalls, Duration openDuration) {
        return callbacks(schedule, requestTimeout, perEndpoint, pipelineDepth, "", minimumCalls, openDuration);
    }

    /** As above, https URLs trusted when they present a certificate of the PEM file {@code trustedCertificates}. */
    static CallbackConfig callbacks(List<Duration> schedule, Duration requestTimeout, int perEndpoint,
                                    int pipelineDepth, String trustedCertificates, int minimumCalls,
                                    Duration openDuration) {
        return new CallbackConfig(schedule, Duration.ofSeconds(2), requestTimeout, perEndpoint, pipelineDepth,
            trustedCertificates, new CircuitBreakerConfig(50, minimumCalls, minimumCalls, openDuration, 1));
    }

    static CallbackSettings settings(CallbackConfig callbacks, Duration queueWait, Duration closeGrace) {
        return new CallbackSettings(callbacks, 10_000, 64, 500, Duration.ofMillis(50), queueWait, closeGrace);
    }

    CallbackDispatcher start(CallbackSettings settings, GatewayConfig config) {
        CallbackForm form = new CallbackForm(config.apps(), JsmsReportStatus.defaults(), clock);
        CallbackDispatcher dispatcher = new CallbackDispatcher(settings, form, store, metrics, clock,
            () -> System.nanoTime() + nanoOffset.get());
        opened.add(dispatcher);
        dispatcher.start();
        return dispatcher;
    }

    /** A message to {@code url} that reached its final status with {@code stat}. */
    OutboundMessage finalReport(String url, String stat) {
        return finalReports(url, stat, 1).get(0);
    }

    /** {@code count} messages to {@code url}, all final with {@code stat}, written in a few group commits. */
    List<OutboundMessage> finalReports(String url, String stat, int count) {
        List<OutboundMessage> messages = new ArrayList<>();
        List<SubmitOutcome> outcomes = new ArrayList<>();
        Instant now = clock.instant();
        for (int i = 0; i < count; i++) {
            long id = ids.incrementAndGet();
            OutboundMessage m = new OutboundMessage(id, APP, MOBILE, "【签名】验证码 123456", 1, 5, url, 1, now);
            messages.add(m);
            outcomes.add(new SubmitOutcome(id, 1, 1, PROVIDER, 500_000 + id, 0, now));
        }
        Await.result("accept", store.accept(messages));
        Await.result("recordSubmitted", store.recordSubmitted(outcomes));
        List<CompletableFuture<?>> reports = new ArrayList<>();
        for (OutboundMessage m : messages) {
            reports.add(store.recordReport(new CarrierReport(PROVIDER, 500_000 + m.msgId(), stat, MOBILE, now)));
        }
        reports.forEach(report -> Await.result("recordReport", report));
        return messages;
    }

    MoMessage mo(String url, String content) {
        long id = ids.incrementAndGet();
        MoMessage mo = new MoMessage(id, PROVIDER, 700_000 + id, APP, url, MOBILE, "10690000011234", content,
            clock.instant());
        assertThat(Await.result("storeMo", store.storeMo(mo))).isTrue();
        return mo;
    }

    long count(String sql) {
        return SqlCount.of(dataSource, sql);
    }

    long outboxRows() {
        return count("SELECT (SELECT COUNT(*) FROM callback_outbox) + (SELECT COUNT(*) FROM held_callback)"
            + " + (SELECT COUNT(*) FROM message_final WHERE callback_node IS NOT NULL AND callback_at = 0)");
    }

    /** Outbox, meters and held tasks, for a timeout message. */
    String state() {
        return "outbox=" + outboxRows() + ", attempts=" + metrics.attempts + ", gaveUp=" + metrics.gaveUp
            + ", staleRetries=" + metrics.staleRetries + ", held=" + metrics.queue.getAsLong();
    }

    @Override
    public void close() {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        store.close();
        dataSource.close();
        reads.shutdownNow();
    }

    /** Counts the callback meters. */
    static final class RecordingMetrics implements GatewayMetrics {
        final Map<CallbackOutcome, AtomicInteger> attempts = new ConcurrentHashMap<>();
        final AtomicInteger gaveUp = new AtomicInteger();
        final AtomicInteger staleRetries = new AtomicInteger();
        volatile LongSupplier queue = () -> -1;

        @Override
        public void callbackAttempt(CallbackOutcome outcome, long durationNanos) {
            attempts.computeIfAbsent(outcome, o -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public void callbackGaveUp() {
            gaveUp.incrementAndGet();
        }

        @Override
        public void callbackStaleRetry() {
            staleRetries.incrementAndGet();
        }

        @Override
        public void registerQueue(String name, LongSupplier depth) {
            queue = depth;
        }

        int attempts(CallbackOutcome outcome) {
            AtomicInteger n = attempts.get(outcome);
            return n == null ? 0 : n.get();
        }
    }
}
