package org.cmppgw.gateway.provider.cmpp;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import org.cmppgw.cmpp.session.CmppSession;
import org.cmppgw.cmpp.session.CmppSessionConfig;
import org.cmppgw.cmpp.session.client.CmppClientConfig;
import org.cmppgw.cmpp.session.client.CmppLoginException;
import org.cmppgw.gateway.config.ProviderConfig;
import org.cmppgw.gateway.metrics.ProviderMetrics;
import org.cmppgw.gateway.provider.OutboundSms;
import org.cmppgw.gateway.provider.PartQueues;
import org.cmppgw.gateway.provider.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One CMPP provider (a carrier account, DESIGN §5): exactly {@code connections} sessions, each kept logged in by a
 * {@link ConnectionSlot}; one set of priority queues the sessions pull from ({@link SessionPump}); one TPS limit and
 * one circuit breaker shared by all of them; SUBMIT_RESP outcomes to the store in batches ({@link OutcomeRecorder});
 * DELIVERs on any connection handled alike ({@link DeliverHandler}).
 *
 * <p>Retries: Result 8 pauses the session and sends the same part again (up to {@code flowControlMaxTries}); a part
 * whose outcome is unknown (no response after all sends, connection lost with it in flight, cmpp-spec.md §12.3) is
 * sent once more, first in line, and counted as a possible duplicate; unknown again, its message fails with
 * {@link OutcomeRecorder#STAT_UNKNOWN}. Other Results fail the message (the store records the Result).
 *
 * <p>Available to the router while at least one session is logged in and the breaker is not open.
 */
public final class CmppProviderPool implements Provider {
    private static final Logger LOG = LoggerFactory.getLogger(CmppProviderPool.class);

    private final ProviderConfig config;
    private final PoolContext context;
    private final CmppClientConfig clientConfig;
    private final ProviderMetrics metrics;
    private final PartQueues<PartTask> queues = new PartQueues<>();
    private final RateLimiter rateLimiter;
    private final long rateRetryNanos;
    private final CircuitBreaker breaker;
    private final SubmitMapper mapper;
    private final OutcomeRecorder outcomes;
    private final MoReceiver mo;
    private final DeliverHandler delivers;
    private final ReportLatency latency;
    private final ConnectionSlot[] slots;
    private final EventLoop housekeeper;
    private final AtomicInteger activeSessions = new AtomicInteger();
    private final AtomicInteger wakeCursor = new AtomicInteger();
    private final AtomicBoolean configErrorLogged = new AtomicBoolean();
    private volatile boolean closing;
    private ScheduledFuture<?> housekeeping;

    public CmppProviderPool(ProviderConfig config, PoolContext context) {
        this.config = Objects.requireNonNull(config, "config");
        this.context = Objects.requireNonNull(context, "context");
        this.clientConfig = clientConfig(config, context);
        this.metrics = context.metrics().provider(config.name());
        this.rateLimiter = Resilience.rateLimiter(config.name(), config.tps());
        this.rateRetryNanos = Resilience.refreshNanos(rateLimiter);
        this.breaker = Resilience.circuitBreaker(config.name(), config.circuitBreaker());
        this.mapper = new SubmitMapper(config, context.appExtensions());
        this.housekeeper = context.group().next();
        this.outcomes = new OutcomeRecorder(config.name(), context, housekeeper);
        this.latency = new ReportLatency(metrics, context.nanoClock());
        this.mo = new MoReceiver(config, context, metrics);
        this.delivers = new DeliverHandler(config.name(), context, metrics, mo, latency);
        this.slots = new ConnectionSlot[config.connections()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new ConnectionSlot(this, i, context.group().next());
        }
    }

    /** The client settings of every connection: timers and window from the provider's configuration. */
    static CmppClientConfig clientConfig(ProviderConfig config, PoolContext context) {
        CmppSessionConfig session = CmppSessionConfig.builder()
            .windowSize(config.window())
            .responseTimeout(config.responseTimeout())
            .maxSends(config.maxSends())
            .activeTestIdle(config.heartbeatInterval())
            .activeTestMaxMissed(config.heartbeatMaxMissed())
            .loginTimeout(config.connectTimeout())
            .build();
        return CmppClientConfig.builder(config.host(), config.port(), config.account(), config.password().value())
            .version(config.version())
            .connectTimeout(config.connectTimeout())
            .sessionConfig(session)
            .clock(context.clock())
            .build();
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public boolean isAvailable() {
        return activeSessions.get() > 0 && !Resilience.isOpen(breaker);
    }

    /** Logged-in sessions now. */
    public int activeSessions() {
        return activeSessions.get();
    }

    @Override
    public int queuedParts() {
        return queues.size();
    }

    @Override
    public void enqueue(OutboundSms sms) {
        for (int i = 0; i < sms.partCount(); i++) {
            queues.offer(new PartTask(sms, i), sms.priority());
        }
        wakeOne(null);
    }

    @Override
    public void start() {
        LOG.info("provider={} - connecting {} x {}:{} as {} ({}, window {}, {} tps)", name(), slots.length,
            config.host(), config.port(), config.account(), config.version().label(), config.window(), config.tps());
        for (ConnectionSlot slot : slots) {
            slot.connect();
        }
        long period = context.settings().housekeepingPeriod().toNanos();
        housekeeping = housekeeper.scheduleAtFixedRate(this::housekeeping, period, period, TimeUnit.NANOSECONDS);
    }

    @Override
    public CompletableFuture<Void> shutdown() {
        closing = true;
        if (housekeeping != null) {
            housekeeping.cancel(false);
        }
        List<CompletableFuture<Void>> terminated = new ArrayList<>();
        for (ConnectionSlot slot : slots) {
            SessionPump pump = slot.current();
            if (pump != null) {
                terminated.add(toCompletable(pump.session().terminate()));
            }
        }
        long timeout = context.settings().drainTimeout().toNanos();
        return CompletableFuture.allOf(terminated.toArray(new CompletableFuture<?>[0]))
            .completeOnTimeout(null, timeout, TimeUnit.NANOSECONDS)
            .thenCompose(ignored -> outcomes.flushAll())
            .completeOnTimeout(null, timeout, TimeUnit.NANOSECONDS)
            .handle((ignored, error) -> {
                LOG.info("provider={} - closed ({} parts left queued, pending in the store)", name(), queues.size());
                return null;
            });
    }

    @Override
    public String toString() {
        return "CmppProviderPool[" + name() + ", sessions=" + activeSessions.get() + "/" + slots.length + ", queued="
            + queues.size() + ", breaker=" + breaker.getState() + "]";
    }

    // ---- for the pool's own classes ----

    ProviderConfig config() {
        return config;
    }

    PoolContext context() {
        return context;
    }

    PoolSettings settings() {
        return context.settings();
    }

    CmppClientConfig clientConfig() {
        return clientConfig;
    }

    ProviderMetrics metrics() {
        return metrics;
    }

    PartQueues<PartTask> queues() {
        return queues;
    }

    SubmitMapper mapper() {
        return mapper;
    }

    OutcomeRecorder outcomes() {
        return outcomes;
    }

    DeliverHandler delivers() {
        return delivers;
    }

    RateLimiter rateLimiter() {
        return rateLimiter;
    }

    long rateRetryNanos() {
        return rateRetryNanos;
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    int windowSize() {
        return config.window();
    }

    long nanoTime() {
        return context.nanoClock().getAsLong();
    }

    boolean isClosing() {
        return closing;
    }

    void sessionUp() {
        activeSessions.incrementAndGet();
    }

    void sessionDown() {
        activeSessions.decrementAndGet();
    }

    void loggedIn() {
        configErrorLogged.set(false);
    }

    /** Login Status 2/3/4: the account, secret or version is wrong. One ERROR line until a login succeeds again. */
    void configurationError(CmppLoginException login, long retryNanos) {
        if (configErrorLogged.compareAndSet(false, true)) {
            LOG.error("provider={} - login refused with Status {} ({}): check account, password and version; "
                + "retrying about every {} ms", name(), login.status(), CmppLoginException.describe(login.status()),
                TimeUnit.NANOSECONDS.toMillis(retryNanos));
        }
    }

    /** Another window's worth of SUBMIT_RESPs came back: one success for the breaker. */
    void submitsHealthy() {
        breaker.onSuccess(0, TimeUnit.NANOSECONDS);
    }

    void submitTimedOut(Throwable cause) {
        breaker.onError(0, TimeUnit.NANOSECONDS, cause);
    }

    /** A SUBMIT_RESP Result 0 arrived for {@code carrierMsgId}. */
    void accepted(PartTask task, long carrierMsgId) {
        latency.submitted(carrierMsgId);
        outcomes.accepted(task, carrierMsgId);
    }

    /** A part coming back for another try goes first in line. */
    void requeue(PartTask task) {
        queues.offerFront(task);
        wakeOne(null);
    }

    /** No response, or the connection went with the part in flight (§12.3): send it once more, then give up. */
    void unknownOutcome(PartTask task) {
        if (task.sms.isAbandoned()) {
            outcomes.dropped(task);
            return;
        }
        if (task.resubmitted) {
            task.sms.abandon();
            outcomes.unknown(task);
            return;
        }
        task.resubmitted = true;
        // A possible duplicate towards the carrier: counted like a resend after a crash.
        context.metrics().resentAfterCrash(1);
        requeue(task);
    }

    /** Wakes one idle session other than {@code except}, starting at a rotating slot. */
    void wakeOne(SessionPump except) {
        int start = wakeCursor.getAndIncrement();
        for (int i = 0; i < slots.length; i++) {
            SessionPump pump = slots[Math.floorMod(start + i, slots.length)].current();
            if (pump != null && pump != except && pump.wake()) {
                return;
            }
        }
    }

    private void housekeeping() {
        Resilience.probe(breaker);
        mo.expire(housekeeper);
        // Safety net: a part queued while every session was between states gets a pull within a period.
        if (!queues.isEmpty()) {
            wakeOne(null);
        }
    }

    private static CompletableFuture<Void> toCompletable(Future<Void> future) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        try {
            future.addListener(f -> result.complete(null));
        } catch (RejectedExecutionException e) {
            result.complete(null);
        }
        return result;
    }

    /** For tests: the session of slot {@code index}, or {@code null} while it is down. */
    CmppSession session(int index) {
        SessionPump pump = slots[index].current();
        return pump == null ? null : pump.session();
    }
}
