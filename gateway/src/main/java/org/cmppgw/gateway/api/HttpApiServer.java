package org.cmppgw.gateway.api;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.cmppgw.cmpp.session.SocketTransport;
import org.cmppgw.gateway.callback.JsmsReportStatus;
import org.cmppgw.gateway.catalog.CatalogService;
import org.cmppgw.gateway.config.AppConfig;
import org.cmppgw.gateway.config.BillingConfig;
import org.cmppgw.gateway.config.OperatorConfig;
import org.cmppgw.gateway.config.GatewayConfig;
import org.cmppgw.gateway.email.EmailRules;
import org.cmppgw.gateway.config.ServerConfig;
import org.cmppgw.gateway.intake.GlobalSms;
import org.cmppgw.gateway.intake.MessageAdmission;
import org.cmppgw.gateway.intake.MessageIntake;
import org.cmppgw.gateway.intake.TemplateCatalog;
import org.cmppgw.gateway.logging.LogThrottle;
import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The HTTP API listener ({@code server.host:server.port}, docs/design.md §2, §4): {@link ConnectionLimits} at accept,
 * a {@link RequestDeadline} per request, Netty's HTTP/1.1 codec, an aggregator capped at {@code server.maxRequestSize},
 * an idle timeout for keep-alive connections between requests, and one {@link ApiRequestHandler} per connection, all
 * sharing one {@link ApiRouter}. Admitted messages go to the {@link MessageIntake}. The limits against hostile
 * clients are described in docs/api.md "Connections and limits".
 */
public final class HttpApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApiServer.class);
    /** At most one WARN line per this interval for each kind of refusal of hostile clients. */
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
    static final String DEADLINE = "request-deadline";
    static final String TLS = "tls";
    static final String CODEC = "http-codec";
    static final String AGGREGATOR = "http-aggregator";
    static final String DEADLINE_END = "request-deadline-end";
    static final String IDLE = "idle";
    static final String HANDLER = "api";

    private final ServerConfig server;
    private final RequestGate gate;
    private final ApiRouter router;
    private final ConnectionLimits limits;
    private final SslContext tls;
    private final JsonResponses json = new JsonResponses();
    private final GatewayMetrics metrics;
    private final LongSupplier nanoClock;
    private EventLoopGroup acceptor;
    private EventLoopGroup workers;
    private Channel channel;

    public HttpApiServer(GatewayConfig config, MessageIntake intake, GatewayMetrics metrics) {
        this(config, intake, metrics, Clock.systemUTC(), System::nanoTime);
    }

    /**
     * The send routes, with the admission rules of the configuration kept in memory.
     *
     * @param clock     stamps {@link org.cmppgw.gateway.intake.AcceptedMessage#acceptedAt()}
     * @param nanoClock drives the per-app rate limits, request timings and the throttling of failure logs
     */
    public HttpApiServer(GatewayConfig config, MessageIntake intake, GatewayMetrics metrics, Clock clock,
                         LongSupplier nanoClock) {
        this(config, ApiServices.of(intake, config), metrics, clock, nanoClock);
    }

    /**
     * The send routes, the template and signature endpoints and the operator API, admitted against
     * {@code catalog}'s templates and signatures (docs/api.md).
     */
    public HttpApiServer(GatewayConfig config, MessageIntake intake, CatalogService catalog, GatewayMetrics metrics,
                         Clock clock, LongSupplier nanoClock) {
        this(config, ApiServices.of(intake, config).withCatalog(catalog), metrics, clock, nanoClock);
    }

    /**
     * @param services  what the routes are built on; a route whose service is absent is not served (404)
     * @param clock     stamps {@link org.cmppgw.gateway.intake.AcceptedMessage#acceptedAt()} and the pulls, whose
     *                  interval the store compares across nodes
     * @param nanoClock drives the per-app and per-operator rate limits, request timings and the throttling of failure
     *                  logs
     */
    public HttpApiServer(GatewayConfig config, ApiServices services, GatewayMetrics metrics, Clock clock,
                         LongSupplier nanoClock) {
        this(config, metrics, nanoClock, json -> {
            RequestBodies bodies = new RequestBodies();
            CatalogService catalog = services.catalog();
            TemplateCatalog templates = catalog == null ? TemplateCatalog.of(config.templates(), config.signatures())
                : catalog.catalog();
            MessageAdmission admission = new MessageAdmission(templates, clock, services.rules(),
                GlobalSms.of(config.routing()));
            IdempotentSends idempotent = new IdempotentSends(services.idempotency(), json, clock, nanoClock,
                config.server().acceptTimeout());
            List<ApiRoute> routes = new ArrayList<>(new MessagesEndpoint(bodies, admission, services.intake(), json,
                metrics, nanoClock, config.server().acceptTimeout(), idempotent, services.clicks()).routes());
            if (services.clicks() != null) {
                routes.addAll(new ClickEndpoint(services.clicks(), json).routes());
            }
            if (services.pulls() != null) {
                routes.addAll(new PullsEndpoint(services.pulls(), config.apps(), JsmsReportStatus.defaults(), json,
                    clock, nanoClock).routes());
            }
            if (catalog != null) {
                routes.addAll(new TemplatesEndpoint(bodies, catalog, json).routes());
                routes.addAll(new SignaturesEndpoint(catalog, json).routes());
                routes.addAll(new ReviewEndpoint(bodies, catalog, json).routes());
            }
            routes.addAll(new StandingEndpoint(services.rules().standing(), config.apps(), json).routes());
            if (services.schedules() != null) {
                routes.addAll(new SchedulesEndpoint(bodies, admission, services.schedules(), json).routes());
            }
            if (services.balances() != null) {
                routes.addAll(new BalancesEndpoint(services.balances(), config.apps(), bodies, json).routes());
            }
            if (services.emails() != null) {
                routes.addAll(new EmailsEndpoint(bodies, new EmailRules(clock, services.rules()), services.emails(),
                    json, metrics).routes());
                routes.addAll(new EmailTemplatesEndpoint(bodies, services.emails(), json, clock).routes());
            }
            if (services.users() != null) {
                routes.addAll(new UsersEndpoint(bodies, services.users(), json).routes());
                routes.addAll(new UserSendsEndpoint(bodies, services.users(), admission, services.intake(),
                    new EmailRules(clock, services.rules()), services.emails(), json, metrics, nanoClock,
                    config.server().acceptTimeout(), services.policies(), services.clicks()).routes());
            }
            if (services.policies() != null) {
                routes.addAll(new PoliciesEndpoint(bodies, services.policies(), json).routes());
            }
            routes.addAll(new WithdrawEndpoint(bodies, services.withdrawals(), services.emails(), json, clock)
                .routes());
            if (services.codes() != null) {
                routes.addAll(new CodesEndpoint(bodies, admission, services.intake(), services.codes(), templates,
                    json, metrics, nanoClock, config.server().acceptTimeout(), idempotent).routes());
            }
            return routes;
        });
    }

    /**
     * A server of the given routes (tests declare their own).
     *
     * @param routes builds the routes, given the server's JSON writer
     */
    HttpApiServer(GatewayConfig config, GatewayMetrics metrics, LongSupplier nanoClock,
                  Function<JsonResponses, List<ApiRoute>> routes) {
        this.server = config.server();
        this.metrics = metrics;
        this.nanoClock = nanoClock;
        List<ApiApp> apps = new ArrayList<>();
        for (AppConfig app : config.apps()) {
            apps.add(new ApiApp(app, nanoClock));
        }
        this.gate = new RequestGate(new AppAuthenticator(apps),
            new OperatorAuthenticator(config.operators(), nanoClock), devCredentials(config.billing(), nanoClock),
            new FailedLogins(server.authFailureLimit(), server.authFailureWindow().toNanos(), nanoClock),
            new LogThrottle(LOG_INTERVAL_NANOS, nanoClock));
        this.tls = ServerTls.of(server);
        this.limits = new ConnectionLimits(server.maxConnections(), server.maxConnectionsPerAddress(), metrics,
            nanoClock);
        this.router = new ApiRouter(routes.apply(json));
    }

    /** The account's dev credentials of {@code GET /v1/accounts/dev}; none when not configured (401). */
    private static OperatorAuthenticator devCredentials(BillingConfig billing, LongSupplier nanoClock) {
        return billing.hasDevCredentials()
            ? new OperatorAuthenticator(List.of(new OperatorConfig(billing.devKey(), billing.devSecret())), nanoClock)
            : OperatorAuthenticator.NONE;
    }

    /**
     * Binds and starts serving; blocks until bound (start-up only).
     *
     * @return the bound address (the real port when {@code server.port} is 0)
     * @throws IllegalStateException when the address cannot be bound
     */
    public synchronized InetSocketAddress start() {
        if (channel != null) {
            throw new IllegalStateException("api - already started on " + channel.localAddress());
        }
        acceptor = SocketTransport.newGroup(1, new DefaultThreadFactory("api-accept"));
        workers = SocketTransport.newGroup(server.workerThreads(), new DefaultThreadFactory("api-io"));
        ServerBootstrap bootstrap = new ServerBootstrap()
            .group(acceptor, workers)
            .channel(SocketTransport.serverChannel(acceptor))
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    if (limits.admit(ch)) {
                        install(ch.pipeline());
                    }
                }
            });
        try {
            channel = bootstrap.bind(server.host(), server.port()).syncUninterruptibly().channel();
        } catch (Exception e) { // also the BindException that Netty's sync() rethrows undeclared
            shutdownGroups();
            throw new IllegalStateException("api - cannot listen on " + server.host() + ":" + server.port()
                + " (" + e + ")", e);
        }
        LOG.info("HTTP API listening on {}{}", channel.localAddress(), tls != null ? " (HTTPS)" : "");
        return (InetSocketAddress) channel.localAddress();
    }

    private void install(ChannelPipeline pipeline) {
        RequestDeadline deadline = new RequestDeadline(server.requestReadTimeout().toNanos(), metrics);
        pipeline.addLast(DEADLINE, deadline);
        if (tls != null) {
            // after the deadline, so a handshake that never completes is cut off like any unfinished request
            pipeline.addLast(TLS, tls.newHandler(pipeline.channel().alloc()));
        }
        pipeline.addLast(CODEC, new HttpServerCodec());
        pipeline.addLast(AGGREGATOR, new ApiObjectAggregator(server.maxRequestSize(), router, json, metrics));
        pipeline.addLast(DEADLINE_END, deadline.completion());
        pipeline.addLast(IDLE, new IdleStateHandler(0, 0, server.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
        pipeline.addLast(HANDLER, new ApiRequestHandler(router, gate, json, metrics, nanoClock));
    }

    /** Open API connections, as {@link ConnectionLimits} counts them (tests). */
    int openConnections() {
        return limits.open();
    }

    /** Stops accepting, closes every connection and stops the threads (bounded wait). Idempotent. */
    @Override
    public synchronized void close() {
        if (channel == null) {
            return;
        }
        channel.close().syncUninterruptibly();
        shutdownGroups();
        LOG.info("HTTP API on {} stopped", channel.localAddress());
        channel = null;
    }

    private void shutdownGroups() {
        acceptor.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
