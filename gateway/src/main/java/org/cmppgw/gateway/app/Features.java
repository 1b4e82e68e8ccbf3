package org.cmppgw.gateway.app;

import com.zaxxer.hikari.HikariDataSource;
import org.cmppgw.gateway.api.ApiServices;
import org.cmppgw.gateway.api.OperatorLogin;
import org.cmppgw.gateway.billing.BalanceAlerts;
import org.cmppgw.gateway.billing.BalanceService;
import org.cmppgw.gateway.callback.outbox.CallbackFilter;
import org.cmppgw.gateway.callback.outbox.NewCallbacks;
import org.cmppgw.gateway.catalog.CatalogService;
import org.cmppgw.gateway.clicks.ClickStore;
import org.cmppgw.gateway.clicks.ClickTracking;
import org.cmppgw.gateway.config.BillingConfig;
import org.cmppgw.gateway.config.GatewayConfig;
import org.cmppgw.gateway.config.StatsConfig;
import org.cmppgw.gateway.console.ConsoleHandler;
import org.cmppgw.gateway.console.ConsoleServices;
import org.cmppgw.gateway.dispatch.Dispatcher;
import org.cmppgw.gateway.email.EmailDispatcher;
import org.cmppgw.gateway.email.EmailService;
import org.cmppgw.gateway.email.EmailStore;
import org.cmppgw.gateway.email.EmailTemplates;
import org.cmppgw.gateway.history.BatchPace;
import org.cmppgw.gateway.intake.AppRules;
import org.cmppgw.gateway.intake.GlobalSms;
import org.cmppgw.gateway.intake.MessageAdmission;
import org.cmppgw.gateway.intake.MessageIntake;
import org.cmppgw.gateway.metrics.PrometheusGatewayMetrics;
import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.persistence.Withdrawals;
import org.cmppgw.gateway.persistence.jdbc.JdbcBalances;
import org.cmppgw.gateway.persistence.sql.JdbcExecutor;
import org.cmppgw.gateway.policy.PolicyConditions;
import org.cmppgw.gateway.policy.PolicyRules;
import org.cmppgw.gateway.policy.PolicyRunStore;
import org.cmppgw.gateway.policy.PolicyRunner;
import org.cmppgw.gateway.policy.PolicyRuns;
import org.cmppgw.gateway.policy.PolicyService;
import org.cmppgw.gateway.policy.PolicyStore;
import org.cmppgw.gateway.schedule.ScheduleFirer;
import org.cmppgw.gateway.schedule.ScheduleStore;
import org.cmppgw.gateway.schedule.ScheduledSends;
import org.cmppgw.gateway.stats.StatsRollup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * The start-up of the gateway's features beside the message path: scheduled sends, click tracking, email, send
 * policies, balance alerts, the console and its statistics. {@link Gateway} calls each at its place in the start
 * order; each builds its feature from its own config section (or nothing, where the section leaves it off) and pushes
 * what it started onto the gateway's close order, so it stops in reverse with everything else.
 */
final class Features {
    private static final Logger LOG = LoggerFactory.getLogger(Features.class);
    /** Console queries waiting for the console's one reader: a few operators' pages, never a backlog. */
    private static final int CONSOLE_READ_QUEUE = 32;

    private final GatewayConfig config;
    private final PrometheusGatewayMetrics metrics;
    private final Deque<AutoCloseable> closeOrder;

    /** @param closeOrder the gateway's own close order: what a feature starts is closed before what it uses */
    Features(GatewayConfig config, PrometheusGatewayMetrics metrics, Deque<AutoCloseable> closeOrder) {
        this.config = config;
        this.metrics = metrics;
        this.closeOrder = closeOrder;
    }

    /**
     * Scheduled sends (docs/api.md "Scheduled sends"): the firer that sends them when due (claims leased so one node
     * fires each), and the API's side of them.
     */
    ScheduledSends startSchedules(DataSource dataSource, MessageIntake intake, int nodeId, Clock clock) {
        ScheduleStore scheduleStore = new ScheduleStore(dataSource);
        closeOrder.push(scheduleStore::close);
        ScheduleFirer firer = new ScheduleFirer(scheduleStore, intake, clock, nodeId,
            config.schedules().claimLease());
        closeOrder.push(firer::close);
        firer.start();
        return new ScheduledSends(scheduleStore, config.schedules(), clock);
    }

    /** Click tracking (docs/api.md "Click tracking"), or null when {@code clicks.enabled} is off. */
    ClickTracking startClicks(DataSource dataSource, MessageIdGenerator ids, Clock clock) {
        if (!config.clicks().enabled()) {
            return null;
        }
        ClickTracking clicks = new ClickTracking(config.clicks(),
            new ClickStore(dataSource, ids, CallbackFilter.of(config.apps())), metrics, clock);
        closeOrder.push(clicks::close);
        return clicks;
    }

    /**
     * Email over SMTP (docs/api.md "Emails"), or null when no email provider is configured.
     *
     * @param callbackHandoff where new EMAIL_REPORT callbacks go (the message store's hand-over to this node's
     *                        callback dispatcher)
     */
    EmailService startEmail(DataSource dataSource, int nodeId, MessageIdGenerator ids, Clock clock,
                            ClickTracking clicks, Supplier<NewCallbacks.Handoff> callbackHandoff) {
        if (config.emailProviders().isEmpty()) {
            return null;
        }
        EmailStore emailStore = new EmailStore(dataSource, nodeId, ids, CallbackFilter.of(config.apps()),
            callbackHandoff);
        EmailDispatcher emailDispatcher = new EmailDispatcher(emailStore, config.emailProviders(), metrics, clock);
        emailDispatcher.start();
        closeOrder.push(emailDispatcher::close);
        EmailService emails = new EmailService(emailStore, emailDispatcher, ids, new EmailTemplates(dataSource),
            clicks);
        closeOrder.push(emails::close);
        return emails;
    }

    /**
     * Send policies (docs/api.md "Send policies"): the policies themselves and their runs.
     *
     * @param emails the email service, or null when no email provider is configured
     * @param clicks the click tracker, or null when clicks are not tracked
     */
    PolicyService startPolicies(DataSource dataSource, MessageIntake intake, EmailService emails,
                                Withdrawals withdrawals, ClickTracking clicks, MessageIdGenerator ids, int nodeId,
                                Clock clock) {
        // not_clicked needs click tracking: a policy's messages carry tracked links when the send asks for
        // track_links (docs/api.md "Send policies")
        PolicyService policies = new PolicyService(new PolicyStore(dataSource), new PolicyRules(clicks != null), ids,
            clock, startPolicyRuns(dataSource, intake, emails, withdrawals, clicks, ids, nodeId, clock));
        closeOrder.push(policies::close);
        return policies;
    }

    /**
     * Sends with a send policy (docs/api.md "Send policies"): the runs' store, the runner that decides their steps when
     * their timers are due (claims leased like schedules'), and the API's side of them.
     *
     * @param clicks the click tracker, or null when clicks are not tracked
     */
    private PolicyRuns startPolicyRuns(DataSource dataSource, MessageIntake intake, EmailService emails,
                                       Withdrawals withdrawals, ClickTracking clicks, MessageIdGenerator ids,
                                       int nodeId, Clock clock) {
        PolicyRunStore runStore = new PolicyRunStore(dataSource, ids, CallbackFilter.of(config.apps()));
        PolicyRunner runner = new PolicyRunner(runStore, new PolicyConditions(runStore, clicks), intake, emails,
            clicks, clock, nodeId, config.schedules().claimLease());
        closeOrder.push(runner::close);
        runner.start();
        PolicyRuns runs = new PolicyRuns(runStore, intake, emails, withdrawals, clicks, clock);
        closeOrder.push(runs::close);
        return runs;
    }

    /** Sends queued balance alerts every {@code billing.alertInterval} as {@code billing.alertApp}, when set. */
    void startBalanceAlerts(JdbcBalances balanceStore, ApiServices services, CatalogService catalog, Clock clock) {
        BillingConfig billing = config.billing();
        if (billing.alertApp().isEmpty()) {
            return;
        }
        AppRules sender = new AppRules(config.app(billing.alertApp()).orElseThrow(), System::nanoTime);
        BalanceAlerts alerts = new BalanceAlerts(balanceStore, billing, sender, new MessageAdmission(
            catalog.catalog(), clock, services.rules(), GlobalSms.of(config.routing())), services.intake(), clock);
        BackgroundTask sending = BackgroundTask.every("balance-alerts", billing.alertInterval(),
            billing.alertInterval(), () -> {
                try {
                    alerts.sendQueued();
                } catch (RuntimeException e) {
                    LOG.warn("billing - sending balance alerts failed: {}", e.toString());
                }
            });
        closeOrder.push(sending::close);
    }

    /** The operator's console on the management listener, or null when {@code console.enabled} is off. */
    ConsoleHandler startConsole(HikariDataSource dataSource, Dispatcher dispatcher, CatalogService catalog,
                                BalanceService balances, ApiServices services, Clock clock) {
        if (!config.console().enabled()) {
            return null;
        }
        if (config.operators().isEmpty()) {
            LOG.warn("console - enabled, but no operators are configured: nobody can log in");
        }
        JdbcExecutor reads = new JdbcExecutor(dataSource, "console-read", 1, CONSOLE_READ_QUEUE);
        closeOrder.push(reads::close);
        ConsoleHandler console = new ConsoleHandler(new ConsoleServices(config,
            new OperatorLogin(config.operators(), config.server(), System::nanoTime), catalog, balances, reads,
            dispatcher::providers, metrics.registry(), services, dispatcher.segmenter(), clock),
            config.server().managementTls(), System::nanoTime);
        return console;
    }

    /**
     * The hourly rollup behind the console's statistics (docs/operations.md "Statistics"), on the nodes that serve the
     * console; several may run it on one database (the rollup locks its cursor for each step).
     */
    void startStats(DataSource dataSource, Clock clock) {
        if (!config.console().enabled()) {
            return;
        }
        StatsConfig stats = config.stats();
        StatsRollup rollup = new StatsRollup(dataSource, clock, stats.lag(), stats.retention(),
            new BatchPace(config.history().batchSize(), config.history().pause(), System::nanoTime));
        BackgroundTask rollups = BackgroundTask.every("stats-rollup", stats.interval(), stats.interval(), () -> {
            try {
                rollup.round();
            } catch (RuntimeException e) {
                LOG.warn("stats - the rollup round failed, the next one goes on from the same place: {}",
                    e.toString());
            }
        });
        closeOrder.push(rollups::close);
    }
}
