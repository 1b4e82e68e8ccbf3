package org.cmppgw.gateway.callback;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.pool.AbstractChannelPoolHandler;
import io.netty.channel.pool.SimpleChannelPool;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import org.cmppgw.cmpp.session.SocketTransport;
import org.cmppgw.gateway.metrics.CallbackOutcome;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * The HTTP side of callbacks: a Netty HTTP/1.1 client on its own single event loop (never a CMPP one, and shared with
 * the {@link CallbackDispatcher}, see {@link #eventLoop()}) with a pool of keep-alive connections per endpoint ({@code
 * scheme://host:port}, TLS with host-name verification for https). It POSTs form bodies and reports how each POST ended
 * as a {@link Result}, never as an exception. The caller bounds the requests per endpoint, which bounds that endpoint's
 * connections too. Several requests may wait for their answers on one connection (HTTP/1.1 pipelining, up to
 * {@code pipelineDepth}; when, see {@link EndpointPool}).
 *
 * <p>Netty rather than the JDK's {@code java.net.http.HttpClient}: measured on the 2-core machine against the same
 * local Netty receiver at 32 connections, the JDK client cost about 420 µs of CPU per POST (receiver included), which
 * caps it near 4,700 POSTs/s with both cores and nothing left for the gateway; this client costs about 95 µs.
 *
 * <p>Whole-request timeout ({@code requestTimeout}, connect to last byte) and connect timeout as configured; a
 * connection idle for {@value #IDLE_SECONDS} s is closed by us first, before an app's server drops it under a request.
 * Single event loop: every exchange's state is confined to it.
 *
 * <p>A request that fails on a <em>reused</em> connection before any byte of its answer arrived (reset, closed, write
 * failed) is sent once more at once on a new connection, as browsers and well-kept HTTP clients do: the app's server
 * closed the idle connection (its keep-alive timeout may be shorter than ours) while the request was on its way, and
 * nothing says the app failed. So is a request that waited behind others on a pipelined connection which ended before
 * its answer. Only the second try's result counts. A failure of the first request on a new connection is reported as
 * is.
 */
final class CallbackHttp implements AutoCloseable {
    static final String FORM = "application/x-www-form-urlencoded";
    static final int IDLE_SECONDS = 15;
    private static final String USER_AGENT = "cmppgw-callback/1";
    /** Flushes a connection holds back before it writes anyway: more than any pipeline is deep. */
    private static final int MAX_HELD_FLUSHES = 256;

    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final long requestTimeoutNanos;
    private final int pipelineDepth;
    private final LongSupplier nanoClock;
    private final Runnable staleRetries;
    private final Map<String, EndpointPool> pools = new ConcurrentHashMap<>();
    private final CallbackTrust trust;
    private volatile SslContext ssl;

    /** How one POST ended. */
    record Result(CallbackOutcome outcome, int httpStatus, long nanos, Throwable error) {
        boolean delivered() {
            return outcome == CallbackOutcome.DELIVERED;
        }
    }

    /**
     * @param pipelineDepth requests one connection carries at once ({@link EndpointPool}); 1: one at a time
     * @param trust         the CA certificates https URLs may present
     * @param staleRetries  told of each request sent again because its connection failed it for no fault of the app
     */
    CallbackHttp(Duration connectTimeout, Duration requestTimeout, int pipelineDepth, CallbackTrust trust,
                 LongSupplier nanoClock, Runnable staleRetries) {
        this.group = SocketTransport.newGroup(1, new DefaultThreadFactory("callbacks", true));
        this.bootstrap = new Bootstrap().group(group).channel(SocketTransport.socketChannel(group))
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
        this.requestTimeoutNanos = requestTimeout.toNanos();
        this.pipelineDepth = pipelineDepth;
        this.nanoClock = nanoClock;
        this.staleRetries = staleRetries;
        this.trust = trust;
    }

    /**
     * The client's one event loop. Its owner may run its own work there (the dispatcher does): the results of POSTs
     * complete on it, so work that reacts to them needs no hand-over between threads.
     */
    EventLoop eventLoop() {
        return group.next();
    }

    /** POSTs {@code form} to {@code uri}; the future always completes normally, on the client's event loop. */
    CompletableFuture<Result> post(URI uri, String form) {
        HttpExchange exchange = new HttpExchange(nanoClock);
        EndpointPool pool;
        try {
            pool = pool(uri);
        } catch (RuntimeException e) {
            // a URI we cannot connect to (no host, unknown scheme, TLS unavailable): an I/O failure like any other
            exchange.fail(CallbackOutcome.IO_ERROR, e);
            return exchange.result();
        }
        exchange.resendOnStale(() -> {
            staleRetries.run();
            send(exchange, pool, uri, form, true);
        });
        try {
            exchange.timeout(group.schedule(() -> exchange.fail(CallbackOutcome.TIMEOUT,
                new CallbackTimeoutException(uri, requestTimeoutNanos)), requestTimeoutNanos, TimeUnit.NANOSECONDS));
            // the pools are used on the event loop only, so an acquire that must open a new connection is exact
            group.execute(() -> send(exchange, pool, uri, form, false));
        } catch (RejectedExecutionException e) {
            exchange.fail(CallbackOutcome.IO_ERROR, e);
        }
        return exchange.result();
    }

    /**
     * Sends the exchange's request behind others on a pipelined connection, on a pooled one, or on a new one
     * ({@code fresh}) when it is sent again because its connection failed it. On the event loop.
     */
    private void send(HttpExchange exchange, EndpointPool pool, URI uri, String form, boolean fresh) {
        if (exchange.done()) {
            return;
        }
        ExchangeHandler pipelined = fresh ? null : pool.pipelined();
        if (pipelined != null) {
            write(exchange, pool, pipelined, uri, form);
            return;
        }
        Future<Channel> acquire = fresh ? pool.acquireNew() : pool.acquire();
        acquire.addListener(acquired -> {
            if (!acquired.isSuccess()) {
                exchange.fail(CallbackOutcome.IO_ERROR, acquired.cause());
                return;
            }
            Channel channel = (Channel) acquired.getNow();
            ExchangeHandler handler = channel.pipeline().get(ExchangeHandler.class);
            handler.acquiredFrom(pool);
            if (exchange.done()) {
                // timed out while connecting
                handler.unused();
                return;
            }
            write(exchange, pool, handler, uri, form);
        });
    }

    private void write(HttpExchange exchange, EndpointPool pool, ExchangeHandler connection, URI uri, String form) {
        Channel channel = connection.channel();
        connection.carry(exchange);
        pool.writtenOn(connection);
        // the flush waits for the tasks already queued on the event loop: requests they write here leave together
        channel.writeAndFlush(request(uri, form)).addListener(written -> {
            if (!written.isSuccess()) {
                exchange.failOn(channel, CallbackOutcome.IO_ERROR, written.cause());
            }
        });
    }

    private EndpointPool pool(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean tls = "https".equals(scheme);
        if (!tls && !"http".equals(scheme) || uri.getHost() == null) {
            throw new IllegalArgumentException("uri: " + uri + " (expected: an absolute http or https URL)");
        }
        String host = uri.getHost();
        int port = uri.getPort() >= 0 ? uri.getPort() : tls ? 443 : 80;
        SslContext context = tls ? sslContext() : null;
        return pools.computeIfAbsent(EndpointLane.keyOf(uri), key -> new EndpointPool(key,
            bootstrap.clone().remoteAddress(InetSocketAddress.createUnresolved(host, port)),
            new AbstractChannelPoolHandler() {
                @Override
                public void channelCreated(Channel ch) {
                    // a flush outside a read waits for the queued tasks: pipelined requests leave in one write
                    ch.pipeline().addLast(new FlushConsolidationHandler(MAX_HELD_FLUSHES, true));
                    if (context != null) {
                        SSLEngine engine = context.newEngine(ch.alloc(), host, port);
                        SSLParameters parameters = engine.getSSLParameters();
                        parameters.setEndpointIdentificationAlgorithm("HTTPS");
                        engine.setSSLParameters(parameters);
                        ch.pipeline().addLast(new SslHandler(engine));
                    }
                    ch.pipeline().addLast(new IdleStateHandler(0, 0, IDLE_SECONDS), new HttpClientCodec(),
                        new ExchangeHandler(ch));
                }
            }, pipelineDepth, requestTimeoutNanos, nanoClock));
    }

    /** Set up at the first https URL, trusting {@link #trust}. */
    private SslContext sslContext() {
        SslContext context = ssl;
        if (context == null) {
            try {
                // null managers: the JVM's CA certificates
                context = SslContextBuilder.forClient().trustManager(trust.managers()).build();
            } catch (SSLException e) {
                throw new IllegalStateException("callbacks - cannot set up TLS for https callback URLs", e);
            }
            ssl = context;
        }
        return context;
    }

    private static FullHttpRequest request(URI uri, String form) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        // the form is URL-encoded, so ASCII
        ByteBuf body = ByteBufUtil.writeAscii(PooledByteBufAllocator.DEFAULT, form);
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, target, body);
        String host = uri.getPort() >= 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
        request.headers()
            .set(HttpHeaderNames.HOST, host)
            .set(HttpHeaderNames.CONTENT_TYPE, FORM)
            .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
            .set(HttpHeaderNames.USER_AGENT, USER_AGENT)
            .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        return request;
    }

    /** Closes every pooled connection and stops the event loop; requests still running are dropped. */
    @Override
    public void close() {
        pools.values().forEach(SimpleChannelPool::close);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
