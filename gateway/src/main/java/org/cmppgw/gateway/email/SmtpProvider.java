package org.cmppgw.gateway.email;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.netty.util.concurrent.DefaultThreadFactory;
import jakarta.mail.Session;
import org.cmppgw.gateway.config.EmailProviderConfig;
import org.cmppgw.gateway.logging.LogThrottle;
import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One SMTP account (docs/operations.md "SMTP providers"): {@code connections} threads, each with one SMTP connection
 * kept open and reused for mail after mail ({@link SmtpLane}), fed from a small bounded queue; a rate limiter for its
 * {@code tps} and a circuit breaker over connection and AUTH failures, which marks it unavailable so the dispatcher
 * uses the next provider. Outcomes go to the sink given at construction, on the lane threads.
 */
public final class SmtpProvider implements AutoCloseable {
    /**
     * Claimed mails waiting per connection at most: the dispatcher refills a queue when half of it is free, so each
     * claim takes many mails at once (every claim walks the queue index from its start, README "Performance").
     */
    private static final int QUEUE_PER_CONNECTION = 32;
    private static final Logger LOG = LoggerFactory.getLogger(SmtpProvider.class);

    private final EmailProviderConfig config;
    private final Session session;
    private final MailComposer composer;
    private final CircuitBreaker breaker;
    private final RateLimiter limiter;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final Consumer<SendResult> results;
    private final BlockingQueue<QueuedEmail> queue;
    private final List<SmtpLane> lanes = new ArrayList<>();
    private final AtomicLong connectionsOpened = new AtomicLong();
    private final LogThrottle failureLog = new LogThrottle(TimeUnit.SECONDS.toNanos(30), System::nanoTime);

    /**
     * @param results where every outcome goes, on a lane thread; must return at once
     * @throws IllegalArgumentException when the configuration's trusted certificate cannot be read
     */
    public SmtpProvider(EmailProviderConfig config, GatewayMetrics metrics, Clock clock,
                        Consumer<SendResult> results) {
        this.config = config;
        this.session = SmtpSessions.of(config);
        this.composer = new MailComposer(session, config.senderAddress());
        this.breaker = CircuitBreaker.of("email-" + config.name(), breakerConfig(config));
        this.limiter = RateLimiter.of("email-" + config.name(), RateLimiterConfig.custom()
            .limitForPeriod(config.tps()).limitRefreshPeriod(Duration.ofSeconds(1))
            .timeoutDuration(Duration.ofSeconds(1)).build());
        this.metrics = metrics;
        this.clock = clock;
        this.results = results;
        this.queue = new ArrayBlockingQueue<>(queueCapacity(config));
    }

    public String name() {
        return config.name();
    }

    EmailProviderConfig config() {
        return config;
    }

    /** Starts the sending threads; connections open on the first mail. */
    public void start() {
        ThreadFactory threads = new DefaultThreadFactory("smtp-" + config.name(), true);
        for (int i = 0; i < config.connections(); i++) {
            SmtpLane lane = new SmtpLane(this, queue);
            lanes.add(lane);
            threads.newThread(lane).start();
        }
    }

    /** Takes the mail unless the breaker is open or the queue is full; never blocks. */
    public boolean offer(QueuedEmail email) {
        return isAvailable() && queue.offer(email);
    }

    /**
     * Mails to claim for it now: its free room once at least half of its queue is free, else 0 (and 0 while it is
     * unavailable). Each provider is judged alone, so a slow backup never holds back a fast primary's refill.
     */
    public int roomToFill() {
        if (!isAvailable()) {
            return 0;
        }
        int room = queue.remainingCapacity();
        return room >= queue.size() ? room : 0;
    }

    /**
     * At most a second of mail at the provider's TPS, so a claimed mail waits far less than its lease and answers a
     * withdraw with "sending" only briefly; at least one per connection, at most {@value #QUEUE_PER_CONNECTION}.
     */
    static int queueCapacity(EmailProviderConfig config) {
        int connections = config.connections();
        return Math.max(connections, Math.min(config.tps(), connections * QUEUE_PER_CONNECTION));
    }

    /**
     * The breaker lets mail through. An open breaker whose wait is over moves to half-open here: nothing else asks
     * it while the provider gets no mail.
     */
    public boolean isAvailable() {
        if (breaker.getState() == CircuitBreaker.State.OPEN && breaker.tryAcquirePermission()) {
            breaker.releasePermission();
        }
        CircuitBreaker.State state = breaker.getState();
        return state != CircuitBreaker.State.OPEN && state != CircuitBreaker.State.FORCED_OPEN;
    }

    /** SMTP connections opened and logged in on since start. */
    public long connectionsOpened() {
        return connectionsOpened.get();
    }

    /**
     * Stops the threads after their current mail (bounded by the timeout) and returns what was still queued: the
     * caller gives those back to the store.
     */
    public List<QueuedEmail> stop() {
        lanes.forEach(SmtpLane::stop);
        for (SmtpLane lane : lanes) {
            lane.awaitStopped(config.timeout().multipliedBy(2));
        }
        List<QueuedEmail> left = new ArrayList<>();
        queue.drainTo(left);
        return left;
    }

    @Override
    public void close() {
        stop();
    }

    Session session() {
        return session;
    }

    MailComposer composer() {
        return composer;
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    RateLimiter limiter() {
        return limiter;
    }

    Clock clock() {
        return clock;
    }

    GatewayMetrics metrics() {
        return metrics;
    }

    void report(SendResult result) {
        results.accept(result);
    }

    /** A connection or login failed: one WARN line per 30 s per provider, with how many were held back. */
    void connectFailed(String reason) {
        long suppressed = failureLog.tryLog();
        if (suppressed >= 0) {
            LOG.warn("email provider={} - cannot connect or log in to {}:{}, mail waits for a retry ({}; {} more"
                + " failures since the last line)", config.name(), config.host(), config.port(), reason, suppressed);
        }
    }

    void connectionOpened() {
        connectionsOpened.incrementAndGet();
        metrics.smtpConnectionOpened(config.name());
    }

    private static io.github.resilience4j.circuitbreaker.CircuitBreakerConfig breakerConfig(EmailProviderConfig c) {
        return io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.custom()
            .slidingWindowType(io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType
                .COUNT_BASED)
            .slidingWindowSize(c.circuitBreaker().slidingWindowSize())
            .minimumNumberOfCalls(c.circuitBreaker().minimumCalls())
            .failureRateThreshold(c.circuitBreaker().failureRateThreshold())
            .waitDurationInOpenState(c.circuitBreaker().openDuration())
            .permittedNumberOfCallsInHalfOpenState(c.circuitBreaker().halfOpenCalls())
            .build();
    }
}
