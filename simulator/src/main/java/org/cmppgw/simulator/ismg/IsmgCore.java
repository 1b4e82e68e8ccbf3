package org.cmppgw.simulator.ismg;

import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * Everything the fake ISMG decides, assembled once from {@link IsmgConfig}, with no Netty in sight: accounts, the
 * SUBMIT decision, the report pipeline, MO traffic, faults and metrics. The session glue holds one of these and,
 * per connection, does:
 * <pre>
 * login     -> id = connections().register(account, session); metrics().connectionOpened(account);
 *              faults = newConnectionFaults()
 * SUBMIT    -> f = faults.onSubmit(); d = submitHandling().decide(account, version, id, submit);
 *              [f.sendGarbage: write garbage]; [d.reportsBeforeResponse: send dispatcher().handOut(r) for each];
 *              respond d.response() now / after f.responseDelayMillis / never; [f.closeAfterResponse: close];
 *              else dispatcher().schedule(d.reports())
 * tick      -> dispatcher().dispatchDue(max, (session, reports) -> hop to its loop, send r.toDeliver(seq,
 *              reportTimes()) for each, then acknowledged(r) / unacknowledged(r) on the outcome);
 *              mo().ifPresent(g -> g.poll(send each part on connections().pick(...)))
 * close     -> connections().unregister(account, id); metrics().connectionClosed(account)
 * </pre>
 * Thread-safe apart from the MO generator, which belongs to the one tick task.
 *
 * @param <C> the connection handle (the glue's session type)
 */
public final class IsmgCore<C> {
    private final IsmgConfig config;
    private final IsmgAccounts accounts;
    private final IsmgMetrics metrics;
    private final SubmitHandling submitHandling;
    private final AccountConnections<C> connections;
    private final ReportDispatcher<C> dispatcher;
    private final ReportTimes reportTimes;
    private final MoGenerator mo;
    private final Random seeds;

    private IsmgCore(IsmgConfig config, Clock clock, LongSupplier nanoClock, Random random, MeterRegistry registry) {
        this.config = config;
        this.seeds = random;
        this.accounts = IsmgAccounts.create(config, clock, IsmgAccounts.CARRIER_ZONE, nanoClock);
        this.metrics = new IsmgMetrics(registry);
        ReportPlanner planner = new ReportPlanner(config.reports(), random);
        this.submitHandling = new SubmitHandling(planner, config.faults(), metrics, clock, nanoClock);
        this.connections = new AccountConnections<>();
        ReportQueue queue = new ReportQueue(config.maxPendingReports());
        metrics.watch(queue);
        this.dispatcher = new ReportDispatcher<>(queue, connections, config.faults(), random, nanoClock, metrics);
        this.reportTimes = new ReportTimes(IsmgAccounts.CARRIER_ZONE);
        this.mo = config.mo().enabled() ? new MoGenerator(config.mo(),
            accounts.get(config.moAccount().sourceAddr()), new SplittableRandom(random.nextLong()), nanoClock) : null;
    }

    /**
     * @param config    the {@code ismg:} section
     * @param clock     wall clock (Msg_Ids, report times)
     * @param nanoClock monotonic clock (TPS, report due times, MO rate); {@code System::nanoTime} in production
     * @param random    thread-safe randomness for Stat, delays and faults; seed it for repeatable runs
     * @param registry  where the meters go
     */
    public static <C> IsmgCore<C> create(IsmgConfig config, Clock clock, LongSupplier nanoClock, Random random,
                                         MeterRegistry registry) {
        return new IsmgCore<>(Objects.requireNonNull(config, "config"), Objects.requireNonNull(clock, "clock"),
            Objects.requireNonNull(nanoClock, "nanoClock"), Objects.requireNonNull(random, "random"),
            Objects.requireNonNull(registry, "registry"));
    }

    public IsmgConfig config() {
        return config;
    }

    public IsmgAccounts accounts() {
        return accounts;
    }

    public IsmgMetrics metrics() {
        return metrics;
    }

    public SubmitHandling submitHandling() {
        return submitHandling;
    }

    public AccountConnections<C> connections() {
        return connections;
    }

    public ReportDispatcher<C> dispatcher() {
        return dispatcher;
    }

    public ReportTimes reportTimes() {
        return reportTimes;
    }

    /** The MO generator when {@code mo.ratePerSecond} > 0; call it from the tick task only. */
    public Optional<MoGenerator> mo() {
        return Optional.ofNullable(mo);
    }

    /** Fault state for a new connection, with its own random stream (it lives on that connection's loop). */
    public ConnectionFaults newConnectionFaults() {
        return new ConnectionFaults(config.faults(), new SplittableRandom(seeds.nextLong()), metrics);
    }
}
