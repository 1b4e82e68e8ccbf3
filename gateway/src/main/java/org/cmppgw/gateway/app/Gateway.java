package org.cmppgw.gateway.app;

import com.zaxxer.hikari.HikariDataSource;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.cmppgw.cmpp.session.SocketTransport;
import org.cmppgw.cmpp.sms.Segmenter;
import org.cmppgw.cmpp.sms.SegmenterOptions;
import org.cmppgw.gateway.api.ApiServices;
import org.cmppgw.gateway.api.HttpApiServer;
import org.cmppgw.gateway.api.ServerTls;
import org.cmppgw.gateway.billing.BalanceService;
import org.cmppgw.gateway.clicks.ClickHistory;
import org.cmppgw.gateway.clicks.ClickTracking;
import org.cmppgw.gateway.config.BalanceAlertConfig;
import org.cmppgw.gateway.config.BillingConfig;
import org.cmppgw.gateway.idempotency.IdempotencyStore;
import org.cmppgw.gateway.model.SmsType;
import org.cmppgw.gateway.persistence.BillingRules;
import org.cmppgw.gateway.persistence.jdbc.JdbcBalances;
import org.cmppgw.gateway.callback.CallbackDispatcher;
import org.cmppgw.gateway.callback.CallbackUrlChecks;
import org.cmppgw.gateway.callback.CallbackUrlVerifier;
import org.cmppgw.gateway.callback.outbox.CallbackFilter;
import org.cmppgw.gateway.config.AdmissionConfig;
import org.cmppgw.gateway.codes.VerificationCodes;
import org.cmppgw.gateway.catalog.CatalogService;
import org.cmppgw.gateway.catalog.CatalogStore;
import org.cmppgw.gateway.console.ConsoleHandler;
import org.cmppgw.gateway.config.DatabaseConfig;
import org.cmppgw.gateway.config.GatewayConfig;
import org.cmppgw.gateway.dispatch.DispatchCapacity;
import org.cmppgw.gateway.dispatch.Dispatcher;
import org.cmppgw.gateway.dispatch.NodeWithdrawals;
import org.cmppgw.gateway.dispatch.QueueBacklog;
import org.cmppgw.gateway.dispatch.QueueRefill;
import org.cmppgw.gateway.intake.DurableIntake;
import org.cmppgw.gateway.intake.rules.AdmissionRules;
import org.cmppgw.gateway.intake.rules.AppStanding;
import org.cmppgw.gateway.intake.rules.MobileRules;
import org.cmppgw.gateway.intake.rules.SensitiveWords;
import org.cmppgw.gateway.intake.rules.UnsubscribeWords;
import org.cmppgw.gateway.intake.TemplateCatalog;
import org.cmppgw.gateway.management.ManagementServer;
import org.cmppgw.gateway.management.ReadinessChecks;
import org.cmppgw.gateway.metrics.PrometheusGatewayMetrics;
import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.node.AdoptedMessages;
import org.cmppgw.gateway.node.ConnectionBudget;
import org.cmppgw.gateway.node.NodeHeartbeat;
import org.cmppgw.gateway.node.NodeRegistry;
import org.cmppgw.gateway.node.SlotLeases;
import org.cmppgw.gateway.persistence.BatchWriter;
import org.cmppgw.gateway.persistence.MessageQueue;
import org.cmppgw.gateway.persistence.StoreRules;
import org.cmppgw.gateway.persistence.jdbc.DataSourceSettings;
import org.cmppgw.gateway.persistence.jdbc.DataSources;
import org.cmppgw.gateway.persistence.jdbc.JdbcCodeStore;
import org.cmppgw.gateway.persistence.jdbc.JdbcHistoryStore;
import org.cmppgw.gateway.persistence.jdbc.JdbcMessageQueue;
import org.cmppgw.gateway.persistence.jdbc.JdbcMessageStore;
import org.cmppgw.gateway.persistence.jdbc.JdbcStanding;
import org.cmppgw.gateway.persistence.jdbc.StoreSettings;
import org.cmppgw.gateway.schedule.ScheduledSends;
import org.cmppgw.gateway.provider.Provider;
import org.cmppgw.gateway.provider.cmpp.CmppProviderPool;
import org.cmppgw.gateway.users.UserService;
import org.cmppgw.gateway.users.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A running gateway: every component of docs/design.md §3 built from one {@link GatewayConfig}, in dependency order,
 * and closed in reverse — the HTTP API stops taking messages first, the providers drain and TERMINATE, the store
 * commits what is queued, and the database closes last. {@code GatewayMain} runs one; the end-to-end tests run them
 * in-process.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    private static final int READ_THREADS = 2;
    private static final Duration STORE_CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** Verification-code statements at once, and waiting (then 503): one round trip per code request. */
    private static final int CODE_STORE_THREADS = 2;
    private static final int CODE_STORE_QUEUE = 10_000;
    /** Idempotency-Key lookups at once, and waiting (then 503); how often and how much old keys are purged. */
    private static final int IDEMPOTENCY_THREADS = 2;
    private static final int IDEMPOTENCY_QUEUE = 10_000;
    private static final Duration IDEMPOTENCY_PURGE_PERIOD = Duration.ofMinutes(1);
    private static final int IDEMPOTENCY_PURGE_CHUNKS = 50;

    private final Deque<AutoCloseable> closeOrder = new ArrayDeque<>();
    private final GatewayConfig config;
    private InetSocketAddress apiAddress;
    private InetSocketAddress managementAddress;
    private JdbcMessageStore store;
    /** Click tracking, null when {@code clicks.enabled} is off. */
    private ClickTracking clicks;
    private AppStanding standing;
    private Dispatcher dispatcher;
    private QueueBacklog backlog;
    private EmbeddedCarrier.Running carrier;
    private PrometheusGatewayMetrics metrics;
    private final CompletableFuture<Void> nodeLost = new CompletableFuture<>();

    private Gateway(GatewayConfig config) {
        this.config = config;
    }

    /**
     * Starts every component; on failure closes what was started and rethrows.
     *
     * @throws RuntimeException when a component cannot start (port in use, database unreachable, …)
     */
    public static Gateway start(GatewayConfig config, Clock clock) {
        Gateway gateway = new Gateway(config);
        try {
            gateway.startComponents(clock);
            return gateway;
        } catch (Exception e) { // also a checked exception a library rethrew undeclared
            gateway.close();
            throw e;
        }
    }

    private void startComponents(Clock clock) {
        if (config.simulator().embedded()) {
            EmbeddedCarrier found = EmbeddedCarrier.find(Gateway.class.getClassLoader());
            carrier = PortInUse.listen("simulator.port", config.simulator().host(), config.simulator().port(),
                () -> found.start(config.simulator(), clock));
            closeOrder.push(carrier::close);
        }
        metrics = new PrometheusGatewayMetrics();
        closeOrder.push(metrics::close);

        DatabaseConfig db = config.database();
        HikariDataSource dataSource = DataSources.open(new DataSourceSettings(db.url(), db.user(),
            db.password().value(), db.poolSize(), DataSourceSettings.DEFAULT_CONNECTION_TIMEOUT));
        closeOrder.push(dataSource::close);
        DatabaseProbe probe = DatabaseProbe.start(dataSource, config.server().acceptTimeout());
        closeOrder.push(probe::close);
        int nodeId = config.node().id();
        // Before anything of this node's is recovered: a second live process with this id is refused here.
        NodeRegistry registry = new NodeRegistry(dataSource, new NodeRegistry.Holder(nodeId,
            UUID.randomUUID().toString(), hostName(), ProcessHandle.current().pid(), 0, 0), config.node().lease(),
            NodeRegistry.runningProcesses());
        registry.claim(clock.millis());

        ExecutorService reads = Executors.newFixedThreadPool(READ_THREADS,
            new DefaultThreadFactory("store-read", true));
        closeOrder.push(reads::shutdown);
        AdmissionConfig admission = config.admission();
        UnsubscribeWords unsubscribeWords = new UnsubscribeWords(admission.unsubscribeWords());
        StoreRules storeRules = new StoreRules(new MobileRules(admission), unsubscribeWords::unsubscribes);
        BillingRules billing = billingRules(config.billing());
        store = JdbcMessageStore.open(dataSource, new StoreSettings(nodeId, db.queueCapacity(), db.batchSize(),
            STORE_CLOSE_TIMEOUT, CallbackFilter.of(config.apps()), storeRules).withBilling(billing), clock, reads,
            lane -> new CommitMetrics(metrics, lane.label()));
        closeOrder.push(store::close);
        ParkedReportSweep parked = ParkedReportSweep.start(store, metrics);
        closeOrder.push(parked::close);
        long storedCeiling = store.maxMessageId().join();
        MessageIdGenerator ids = new MessageIdGenerator(nodeId, clock::millis, storedCeiling);

        EventLoopGroup carrierLoops = SocketTransport.newGroup(config.server().cmppThreads(),
            new DefaultThreadFactory("cmpp", true));
        closeOrder.push(() -> carrierLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly());
        List<Provider> providers = Providers.build(config, store, metrics, clock, carrierLoops, ids);
        NodeHeartbeat heartbeat = new NodeHeartbeat(registry, new SlotLeases(dataSource, nodeId,
            registry.leaseMillis()), budgets(providers), clock, () -> nodeLost.complete(null));
        // Closed after the providers drained: the node retires, and the others adopt what it leaves at once.
        closeOrder.push(heartbeat::close);
        heartbeat.firstRound();
        heartbeat.start();
        JdbcMessageQueue queue = new JdbcMessageQueue(dataSource, nodeId, store.heldInRows(), clock);
        closeOrder.push(queue::close);
        dispatcher = new Dispatcher(providers, config.routing(),
            new DispatchCapacity(config.limits().dispatchQueueCapacity()), new Segmenter(SegmenterOptions.defaults()),
            metrics);
        Dispatcher drained = dispatcher;
        // Before the queue closes: what never left memory waits in the store again as never sent, not as a resend.
        closeOrder.push(() -> releaseUnstarted(queue, drained.drain()));
        // Before this node accepts or claims anything: what it had in memory at its last stop waits in the store again.
        int requeued = queue.requeue(nodeId).join();
        if (requeued > 0) {
            LOG.warn("recovery - {} messages this node held at its last stop are queued again; those already sent"
                + " may reach the carrier twice", requeued);
        }
        backlog = new QueueBacklog(config.limits().backlog(), metrics);

        // Before this process claims anything: the claims of the process before it (a crash, a kill -9) are due now.
        int reclaimed = store.reclaimOwnCallbacks().join();
        if (reclaimed > 0) {
            LOG.warn("recovery - {} callbacks claimed before the last stop are due again now", reclaimed);
        }
        // Not woken per commit: its own claims are commits, and that loop would spin. It polls when idle.
        CallbackDispatcher callbacks = new CallbackDispatcher(config, store, metrics, clock);
        callbacks.start();
        closeOrder.push(callbacks::close);
        CallbackUrlChecks.run(config.apps(), new CallbackUrlVerifier(config.callbacks().connectTimeout(),
            config.callbacks().requestTimeout(), callbacks.trust()));

        dispatcher.start();
        QueueRefill refill = new QueueRefill(queue, dispatcher, store, backlog, metrics, clock,
            config.limits().bulkCapacity(), config.limits().backlog().countInterval());
        closeOrder.push(refill::close);
        refill.start();

        AdoptedMessages adopted = new AdoptedMessages(dataSource, nodeId);
        closeOrder.push(adopted::close);
        // What a dead node held waits in the store again, and its callbacks are due: claim both now, not when quiet.
        heartbeat.adoptInto(deadNode -> adopted.adopt(deadNode).whenComplete((messages, error) -> {
            backlog.queuedInStore();
            callbacks.wake();
        }));
        closeOrder.push(heartbeat::stopAdopting);

        standing = AppStanding.start(new JdbcStanding(dataSource), clock, admission.standingRefresh(),
            admission.startFrozen());
        closeOrder.push(standing::close);
        JdbcCodeStore codeStore = new JdbcCodeStore(dataSource, CODE_STORE_THREADS, CODE_STORE_QUEUE);
        closeOrder.push(codeStore::close);
        ExpiredCodeSweep codeSweep = ExpiredCodeSweep.start(codeStore, clock, config.codes().keepExpired(),
            config.codes().sweepInterval());
        closeOrder.push(codeSweep::close);
        HistoryKeeper history = HistoryKeeper.start(new JdbcHistoryStore(dataSource), store, clock, config.expiry(),
            config.history(), metrics);
        closeOrder.push(history::close);
        CatalogStore catalogStore = new CatalogStore(dataSource);
        catalogStore.seed(config.templates(), config.signatures(), clock.instant());
        CatalogService catalog = new CatalogService(catalogStore, TemplateCatalog.of(List.of(), List.of()),
            config.apps(), config.review().autoApprove(), ids, clock);
        closeOrder.push(catalog::close);
        catalog.start(config.review().refreshPeriod());

        DurableIntake intake = new DurableIntake(store, dispatcher, ids, backlog, config.limits().messageTtl(),
            config.limits().bulkCapacity(), queue);
        Features features = new Features(config, metrics, closeOrder);
        ScheduledSends schedules = features.startSchedules(dataSource, intake, nodeId, clock);
        JdbcBalances balanceStore = new JdbcBalances(dataSource);
        BalanceService balances = new BalanceService(balanceStore, billing, clock);
        closeOrder.push(balances::close);
        balances.startAlertSettings(config.billing().alerts());
        BackgroundTask alertSettings = BackgroundTask.every("balance-alert-settings", BalanceService.RELOAD,
            BalanceService.RELOAD, balances::reloadAlertSettings);
        closeOrder.push(alertSettings::close);
        ApiServices services = new ApiServices(intake,
            new AdmissionRules(standing, SensitiveWords.of(admission.sensitiveWords())), store,
            VerificationCodes.of(codeStore, config.codes(), clock), catalog,
            schedules, null);
        services = services.withBalances(balances).withIdempotency(idempotencyKeys(dataSource, clock));
        clicks = features.startClicks(dataSource, ids, clock);
        services = services.withClicks(clicks);
        services = services.withEmails(features.startEmail(dataSource, nodeId, ids, clock, clicks,
            store::callbackHandoff));
        UserService users = new UserService(new UserStore(dataSource), clock);
        closeOrder.push(users::close);
        services = services.withUsers(users);
        NodeWithdrawals withdrawals = new NodeWithdrawals(store, dispatcher, nodeId);
        services = services.withPolicies(features.startPolicies(dataSource, intake, services.emails(), withdrawals,
            clicks, ids, nodeId, clock));
        services = services.withWithdrawals(withdrawals);
        features.startBalanceAlerts(balanceStore, services, catalog, clock);
        HttpApiServer api = new HttpApiServer(config, services, metrics, clock, System::nanoTime);
        apiAddress = PortInUse.listen("server.port", config.server().host(), config.server().port(), api::start);
        closeOrder.push(api::close);

        ReadinessChecks readiness = new ReadinessChecks();
        readiness.register("database", probe::isUp);
        readiness.register("node", heartbeat::holdsId);
        readiness.register("providers", () -> dispatcher.providers().stream().anyMatch(Provider::isAvailable));
        readiness.figure("backlog", backlog::total)
            .figure("backlogWaitingInStore", backlog::waitingInStore)
            .figure("messagesInMemory", () -> dispatcher.capacity().inUse());
        ConsoleHandler console = features.startConsole(dataSource, dispatcher, catalog, balances, services, clock);
        features.startStats(dataSource, clock);
        ManagementServer management = new ManagementServer(config.server().managementHost(),
            config.server().managementPort(), config.server().managementTls() ? ServerTls.of(config.server()) : null,
            metrics.registry(), readiness, console);
        managementAddress = PortInUse.listen("server.managementPort", config.server().managementHost(),
            config.server().managementPort(), management::start);
        closeOrder.push(management::close);

        LOG.info("gateway started: api={} management={} database={} providers={} node={} sockets={}{}", apiAddress,
            managementAddress, withoutParameters(db.url()),
            dispatcher.providers().stream().map(Provider::name).toList(), nodeId, SocketTransport.describe(),
            carrier == null ? "" : " embedded-carrier=" + carrier.localAddress());
    }

    /** The sends' Idempotency-Keys, and their purge after {@code server.idempotencyKeyTtl} (bounded per run). */
    private IdempotencyStore idempotencyKeys(DataSource dataSource, Clock clock) {
        IdempotencyStore keys = new IdempotencyStore(dataSource, IDEMPOTENCY_THREADS, IDEMPOTENCY_QUEUE);
        closeOrder.push(keys::close);
        long ttl = config.server().idempotencyKeyTtl().toMillis();
        BackgroundTask purge = BackgroundTask.every("idempotency-purge", IDEMPOTENCY_PURGE_PERIOD,
            IDEMPOTENCY_PURGE_PERIOD, () -> {
                try {
                    keys.purge(clock.millis() - ttl, IDEMPOTENCY_PURGE_CHUNKS);
                } catch (RuntimeException e) {
                    LOG.warn("idempotency - {}", e.toString());
                }
            });
        closeOrder.push(purge::close);
        return keys;
    }

    /**
     * At a stop: the messages no session ever started go back to the store's queue unmarked, so the next start (of any
     * node) does not count them as possible duplicates. Those it misses are requeued as resends at the next start.
     */
    private static void releaseUnstarted(MessageQueue queue, List<Long> unstarted) {
        if (unstarted.isEmpty()) {
            return;
        }
        try {
            int released = queue.release(unstarted).get(STORE_CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("shutdown - {} messages never sent wait in the store's queue again", released);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("shutdown - {} messages never sent stay marked as held; the next start queues them as resends"
                + " ({})", unstarted.size(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Each CMPP provider's connections as a budget shared with the other nodes (docs/operations.md). */
    private static List<ConnectionBudget> budgets(List<Provider> providers) {
        List<ConnectionBudget> budgets = new ArrayList<>();
        for (Provider provider : providers) {
            if (provider instanceof CmppProviderPool pool) {
                budgets.add(new PoolBudget(pool));
            }
        }
        return budgets;
    }

    private record PoolBudget(CmppProviderPool pool) implements ConnectionBudget {
        @Override
        public String provider() {
            return pool.name();
        }

        @Override
        public int connections() {
            return pool.connections();
        }

        @Override
        public void hold(BitSet slots) {
            pool.hold(slots);
        }
    }

    /** This machine's name for the node registry, for the operator only. */
    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    /**
     * Completes when this node's id turned out to be another process's after a long heartbeat silence: its work may
     * have been adopted, so the gateway must stop ({@code GatewayMain} exits with status 3).
     */
    public CompletableFuture<Void> nodeLost() {
        return nodeLost;
    }

    /** The store's billing rules from the {@code billing} section. */
    static BillingRules billingRules(BillingConfig billing) {
        Map<String, Map<SmsType, Long>> thresholds = new HashMap<>();
        for (BalanceAlertConfig alert : billing.alerts()) {
            Map<SmsType, Long> own = new EnumMap<>(SmsType.class);
            putThreshold(own, SmsType.INDUSTRY, alert.industry());
            putThreshold(own, SmsType.MARKET, alert.market());
            putThreshold(own, SmsType.VOICE, alert.voice());
            thresholds.put(alert.appKey(), own);
        }
        return new BillingRules(billing.enabled(), Set.copyOf(billing.unbilledApps()), thresholds);
    }

    private static void putThreshold(Map<SmsType, Long> thresholds, SmsType type, long threshold) {
        if (threshold > 0) {
            thresholds.put(type, threshold);
        }
    }

    /** The JDBC URL without its parameters, which may hold credentials. */
    private static String withoutParameters(String url) {
        int cut = url.length();
        for (char c : new char[] {'?', ';'}) {
            int at = url.indexOf(c);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        return url.substring(0, cut);
    }

    public InetSocketAddress apiAddress() {
        return apiAddress;
    }

    public InetSocketAddress managementAddress() {
        return managementAddress;
    }

    /** Blacklisted apps and the frozen account: the service an operator API drives. */
    public AppStanding standing() {
        return standing;
    }

    public JdbcMessageStore store() {
        return store;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    /** What click tracking knows (docs/api.md "Click tracking"); empty when {@code clicks.enabled} is off. */
    public Optional<ClickHistory> clicks() {
        return Optional.ofNullable(clicks);
    }

    /** The backlog quotas and the last count of the store's queue. */
    public QueueBacklog backlog() {
        return backlog;
    }

    public PrometheusGatewayMetrics metrics() {
        return metrics;
    }

    /** The embedded demo carrier, or null when {@code simulator.embedded} is false. */
    public EmbeddedCarrier.Running carrier() {
        return carrier;
    }

    public GatewayConfig config() {
        return config;
    }

    /** Stops in reverse start order; each step's failure is logged and the next still runs. Idempotent. */
    @Override
    public synchronized void close() {
        boolean any = !closeOrder.isEmpty();
        while (!closeOrder.isEmpty()) {
            AutoCloseable next = closeOrder.pop();
            try {
                next.close();
            } catch (Exception e) {
                LOG.warn("shutdown - a component failed to close: {}", e.toString());
            }
        }
        if (any) {
            LOG.info("gateway stopped");
        }
    }

    /** Store group commits feed {@code cmppgw_store_batch_size} and {@code cmppgw_store_commit_seconds}, by lane. */
    private record CommitMetrics(PrometheusGatewayMetrics metrics, String lane) implements BatchWriter.Listener {
        @Override
        public void committed(int writes, int weight, long nanos) {
            metrics.storeCommit(lane, weight, nanos);
        }
    }
}
