package org.cmppgw.gateway.config;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The whole of {@code gateway.yaml}. Each section validates itself; this record adds the checks that span sections
 * (every route names a provider, ids are unique, …), with the full path in each message. Build it with
 * {@link ConfigLoader}, which also supplies the defaults.
 *
 * @param server     HTTP API and management listeners
 * @param database   the message store
 * @param apps       callers of the API, at least one
 * @param signatures signatures messages are signed with
 * @param templates  message templates
 * @param providers  CMPP accounts, at least one
 * @param routing    which provider sends a message
 * @param simulator  the embedded fake carrier
 * @param callbacks  status callbacks to apps
 * @param limits     in-memory queue capacities
 * @param admission  per-message admission rules (frequency, repeat, unsubscribe, sensitive words)
 * @param codes      verification codes the gateway generates and checks
 * @param operators  who may call the operator API; empty = the operator API answers 401 to everyone
 * @param review     review of the templates and signatures apps create
 * @param schedules  scheduled sends: the zone of their send times, how far ahead, the claim lease
 * @param expiry     when submitted messages without a report and parked reports expire
 * @param history    how long finished messages are kept
 * @param node       this node among the gateways sharing the database
 * @param billing    balances, billing at acceptance and balance alerts
 * @param emailProviders SMTP accounts for {@code POST /v1/emails}, in failover order; empty = email off
 * @param console    the operator's web console on the management listener
 * @param stats      the hourly rollup behind the console's statistics
 * @param clicks     click tracking of links in SMS and emails
 */
public record GatewayConfig(ServerConfig server, DatabaseConfig database, List<AppConfig> apps,
                            List<SignatureConfig> signatures, List<TemplateConfig> templates,
                            List<ProviderConfig> providers, RoutingConfig routing, SimulatorConfig simulator,
                            CallbackConfig callbacks, LimitsConfig limits, AdmissionConfig admission,
                            CodesConfig codes, List<OperatorConfig> operators, ReviewConfig review,
                            ScheduleConfig schedules, ExpiryConfig expiry, HistoryConfig history,
                            NodeConfig node, BillingConfig billing, List<EmailProviderConfig> emailProviders,
                            ConsoleConfig console, StatsConfig stats, ClicksConfig clicks) {
    public GatewayConfig {
        ConfigChecks.present("server", server, "the server section");
        ConfigChecks.present("database", database, "the database section");
        apps = ConfigChecks.list("apps", apps);
        signatures = ConfigChecks.list("signatures", signatures);
        templates = ConfigChecks.list("templates", templates);
        providers = ConfigChecks.list("providers", providers);
        ConfigChecks.present("routing", routing, "the routing section");
        ConfigChecks.present("simulator", simulator, "the simulator section");
        ConfigChecks.present("callbacks", callbacks, "the callbacks section");
        ConfigChecks.present("limits", limits, "the limits section");
        ConfigChecks.present("schedules", schedules, "the schedules section");
        ConfigChecks.present("admission", admission, "the admission section");
        codes = codes == null ? CodesConfig.defaults() : codes;
        operators = ConfigChecks.list("operators", operators);
        ConfigChecks.present("review", review, "the review section");
        expiry = expiry == null ? ExpiryConfig.defaults() : expiry;
        history = history == null ? HistoryConfig.defaults() : history;
        node = node == null ? NodeConfig.defaults() : node;
        billing = billing == null ? BillingConfig.off() : billing;
        console = console == null ? ConsoleConfig.off() : console;
        stats = stats == null ? StatsConfig.defaults() : stats;
        clicks = clicks == null ? ClicksConfig.off() : clicks;
        billing.verify(apps.stream().map(AppConfig::appKey).collect(Collectors.toSet()),
            templates.stream().map(TemplateConfig::id).collect(Collectors.toSet()));
        emailProviders = ConfigChecks.list("emailProviders", emailProviders);
        CrossChecks.uniqueEmailProviders(emailProviders);
        CrossChecks.uniqueOperators(operators);
        CrossChecks.retentionOutlivesCallbacks(history, callbacks);
        CrossChecks.retentionCoversAdmission(history, admission);
        CrossChecks.verify(server, apps, signatures, templates, providers, routing, simulator);
        if (routing.defaultProvider().isEmpty()) {
            routing = routing.withDefaultProvider(providers.get(0).name());
        }
    }

    public Optional<AppConfig> app(String appKey) {
        return apps.stream().filter(a -> a.appKey().equals(appKey)).findFirst();
    }

    public Optional<ProviderConfig> provider(String name) {
        return providers.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<TemplateConfig> template(int id) {
        return templates.stream().filter(t -> t.id() == id).findFirst();
    }

    public Optional<SignatureConfig> signature(int id) {
        return signatures.stream().filter(s -> s.id() == id).findFirst();
    }
}
