package org.cmppgw.gateway.provider.cmpp;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import org.cmppgw.cmpp.session.CmppSession;
import org.cmppgw.cmpp.session.CmppSessionConfig;
import org.cmppgw.cmpp.session.client.CmppClientConfig;
import org.cmppgw.gateway.config.ProviderConfig;
import org.cmppgw.gateway.metrics.ProviderMetrics;
import org.cmppgw.gateway.model.Channel;
import org.cmppgw.gateway.provider.OutboundSms;
import org.cmppgw.gateway.provider.PartQueues;
import org.cmppgw.gateway.provider.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One CMPP provider (a carrier account, docs/design.md §5): exactly {@code connections} sessions, each kept logged in
 * by a {@link ConnectionSlot}; one set of priority queues the sessions pull from ({@link SessionPump}); one TPS limit
 * and one circuit breaker shared by all of them; SUBMIT_RESP outcomes to the store in batches
 * ({@link OutcomeRecorder}); DELIVERs on any connection handled alike ({@link DeliverHandler}); parts the carrier did
 * not take handled by the {@link RetryPolicy}.
 *
 * <p>This class only assembles those parts (handing the connections one {@link PoolServices}) and is the
 * {@link Provider} the dispatcher sees. Available to the router while at least one session is logged in and the
 * breaker is not open.
 */
public final class CmppProviderPool implements Provider {
    private static final Logger LOG = LoggerFactory.getLogger(CmppProviderPool.class);

    private final ProviderConfig config;
    private final PoolSettings settings;
    private final PartQueues<PartRun> queues = new PartQueues<>(PartRun::remaining);
    private final LostParts lost = new LostParts();
    private final Sessions sessions;
    private final CircuitBreaker breaker;
    private final OutcomeRecorder outcomes;
    private final MoReceiver mo;
    private final ConnectionSlot[] slots;
    private final TpsShare tps;
    private final EventLoop housekeeper;
    private ScheduledFuture<?> housekeeping;

    /** A pool with the tunables its configuration gives ({@link PoolSettings#of}). */
    public CmppProviderPool(ProviderConfig config, SharedServices shared) {
        this(config, shared, PoolSettings.of(config));
    }

    public CmppProviderPool(ProviderConfig config, SharedServices shared, PoolSettings settings) {
        this.config = Objects.requireNonNull(config, "config");
        this.settings = Objects.requireNonNull(settings, "settings");
        String name = config.name();
        ProviderMetrics metrics = shared.metrics().provider(name);
        this.housekeeper = shared.group().next();
        this.sessions = new Sessions(name, config.connections(), shared.clock());
        this.breaker = Resilience.circuitBreaker(name, config.circuitBreaker());
        this.tps = new TpsShare(name, config.tps(), config.connections());
        this.outcomes = new OutcomeRecorder(name, shared.store(), shared.clock(), housekeeper, settings,
            shared.nanoClock());
        ReportLatency latency = new ReportLatency(metrics, shared.nanoClock());
        MoLinkIds linkIds = new MoLinkIds(config.submit().linkIdReplyWindow().toNanos(), shared.nanoClock(),
            MoLinkIds.MAX_ENTRIES);
        this.mo = new MoReceiver(name, new MoRouting(config.accessNumber(), shared.apps(), shared.appExtensions()),
            linkIds, shared.store(), shared.clock(), shared.ids(), settings, metrics, shared.nanoClock());
        // A part goes again on the session it was sent on while that session lives (see SessionPump).
        RetryPolicy retries = new RetryPolicy(settings, RetryPolicy::randomJitter, outcomes,
            task -> task.pump.sendAgain(task), shared.metrics());
        PoolServices services = new PoolServices(name, config.window(), clientConfig(config, shared.clock()),
            config.reconnect(), shared.group(), shared.nanoClock(), metrics, sessions, queues, lost,
            new SubmitMapper(config, shared.appExtensions(), shared.routes(), shared.templates(), linkIds), tps,
            breaker, outcomes, latency, retries,
            new DeliverHandler(name, shared.store(), shared.clock(), metrics, mo, latency, shared.nanoClock()));
        this.slots = new ConnectionSlot[config.connections()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new ConnectionSlot(services, i, shared.group().next());
        }
    }

    /**
     * The client settings of every connection: timers, window and the zone of the CONNECT Timestamp from the provider's
     * configuration.
     */
    static CmppClientConfig clientConfig(ProviderConfig config, Clock clock) {
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
            .clock(clock)
            .zone(config.timestampZone())
            .build();
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public boolean isAvailable() {
        return sessions.active() > 0 && !Resilience.isOpen(breaker);
    }

    /** Logged-in sessions now. */
    public int activeSessions() {
        return sessions.active();
    }

    /**
     * Each connection slot's state now, for the console's channels page (docs/operations.md "Console"): read from
     * what the slots already record at login and loss, nothing is counted per message.
     */
    public List<ConnectionState> connectionStates() {
        List<ConnectionState> states = new ArrayList<>(slots.length);
        for (int i = 0; i < slots.length; i++) {
            states.add(new ConnectionState(i, sessions.current(i) != null, sessions.holds(i),
                Instant.ofEpochMilli(sessions.changedAt(i))));
        }
        return states;
    }

    /**
     * One connection slot as the console shows it.
     *
     * @param index the slot, 0 .. connections − 1 (the {@code session} tag of its meters)
     * @param up    whether it is logged in now
     * @param held  whether this node holds the slot (false when another node of a shared provider has it)
     * @param since when it last came up or went down
     */
    public record ConnectionState(int index, boolean up, boolean held, Instant since) {
    }

    /** The configured connections: slots 0 .. connections − 1. */
    public int connections() {
        return slots.length;
    }

    /** This node's TPS limit now: the configured TPS times the share of slots held. */
    public int tps() {
        return tps.tps();
    }

    /**
     * From now on this node holds exactly {@code held} of the provider's connection slots (docs/operations.md "Several
     * nodes on one database"): a slot released closes its session, a slot granted connects, and the TPS follows the
     * share held. All slots are held until the first call. Any thread, never blocks.
     */
    public void hold(BitSet held) {
        int count = 0;
        for (int i = 0; i < slots.length; i++) {
            boolean holds = held.get(i);
            count += holds ? 1 : 0;
            if (!sessions.hold(i, holds)) {
                continue;
            }
            if (holds) {
                slots[i].granted();
            } else {
                slots[i].released();
            }
        }
        tps.share(count);
    }

    @Override
    public int queuedParts() {
        return queues.size();
    }

    @Override
    public void enqueue(OutboundSms sms) {
        queues.offer(PartRun.of(sms), sms.priority());
        sessions.wakeOne(null);
    }

    @Override
    public void start() {
        LOG.info("provider={} - connecting {} x {}:{} as {} ({}, window {}, {} tps)", name(), slots.length,
            config.host(), config.port(), config.account(), config.version().label(), config.window(), config.tps());
        for (ConnectionSlot slot : slots) {
            slot.connect();
        }
        long period = settings.housekeepingPeriod().toNanos();
        housekeeping = housekeeper.scheduleAtFixedRate(this::housekeeping, period, period, TimeUnit.NANOSECONDS);
    }

    @Override
    public CompletableFuture<Void> shutdown() {
        sessions.close();
        if (housekeeping != null) {
            housekeeping.cancel(false);
        }
        List<CompletableFuture<Void>> terminated = new ArrayList<>();
        for (int i = 0; i < slots.length; i++) {
            SessionPump pump = sessions.current(i);
            if (pump != null) {
                terminated.add(toCompletable(pump.session().terminate()));
            }
        }
        long timeout = settings.drainTimeout().toNanos();
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
    public List<OutboundSms> takeBackUnsent(Predicate<? super OutboundSms> which) {
        List<OutboundSms> taken = new ArrayList<>();
        queues.takeIf(run -> run.neverSent() && which.test(run.sms()), run -> taken.add(run.sms()));
        return taken;
    }

    @Override
    public String toString() {
        return "CmppProviderPool[" + name() + ", sessions=" + sessions.active() + "/" + slots.length + ", queued="
            + queues.size() + ", breaker=" + breaker.getState() + "]";
    }

    private void housekeeping() {
        Resilience.probe(breaker);
        mo.expire(housekeeper);
        // Safety net: a part queued while every session was between states gets a pull within a period.
        if (!queues.isEmpty() || !lost.isEmpty()) {
            sessions.wakeOne(null);
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
        SessionPump pump = sessions.current(index);
        return pump == null ? null : pump.session();
    }
}
