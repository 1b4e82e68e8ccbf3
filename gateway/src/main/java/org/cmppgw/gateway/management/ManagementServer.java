package org.cmppgw.gateway.management;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.cmppgw.cmpp.session.SocketTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The management listener ({@code server.managementHost:server.managementPort}, loopback by default, so metrics and
 * health are not exposed beyond the machine unless the operator says so): {@code /metrics}, {@code /health/live},
 * {@code /health/ready}. One event loop thread of its own.
 */
public final class ManagementServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ManagementServer.class);
    /** Management requests carry no body worth more than this. */
    static final int MAX_REQUEST_SIZE = 8192;

    private final String host;
    private final int port;
    private final ManagementHandler handler;
    private final SslContext tls;
    private final ChannelHandler console;
    private EventLoopGroup group;
    private Channel channel;

    /**
     * @param host      address to bind
     * @param port      port to bind; 0 = any free port
     * @param registry  what {@code /metrics} exposes
     * @param readiness what {@code /health/ready} evaluates
     */
    public ManagementServer(String host, int port, PrometheusMeterRegistry registry, ReadinessChecks readiness) {
        this(host, port, null, registry, readiness);
    }

    /**
     * @param tls HTTPS ({@code server.managementTls}), or null for plain HTTP
     */
    public ManagementServer(String host, int port, SslContext tls, PrometheusMeterRegistry registry,
                            ReadinessChecks readiness) {
        this(host, port, tls, registry, readiness, null);
    }

    /**
     * @param console the operator's console ({@code console.enabled}), answering {@code /console} and passing every
     *                other request on; null = no console (docs/operations.md "Console")
     */
    public ManagementServer(String host, int port, SslContext tls, PrometheusMeterRegistry registry,
                            ReadinessChecks readiness, ChannelHandler console) {
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.console = console;
        this.handler = new ManagementHandler(registry, readiness);
    }

    /**
     * Binds and starts serving; blocks until bound (start-up only).
     *
     * @return the bound address
     * @throws IllegalStateException when the address cannot be bound
     */
    public synchronized InetSocketAddress start() {
        if (channel != null) {
            throw new IllegalStateException("management - already started on " + channel.localAddress());
        }
        group = SocketTransport.newGroup(1, new DefaultThreadFactory("management"));
        ServerBootstrap bootstrap = new ServerBootstrap()
            .group(group)
            .channel(SocketTransport.serverChannel(group))
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    if (tls != null) {
                        ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                    }
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpServerKeepAliveHandler())
                        .addLast(new HttpObjectAggregator(MAX_REQUEST_SIZE));
                    if (console != null) {
                        ch.pipeline().addLast(console);
                    }
                    ch.pipeline().addLast(handler);
                }
            });
        try {
            channel = bootstrap.bind(host, port).syncUninterruptibly().channel();
        } catch (Exception e) { // also the BindException that Netty's sync() rethrows undeclared
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
            throw new IllegalStateException("management - cannot listen on " + host + ":" + port + " (" + e + ")", e);
        }
        LOG.info("Management listening on {} (/metrics, /health/live, /health/ready{}){}", channel.localAddress(),
            console != null ? ", /console/" : "", tls != null ? " (HTTPS)" : "");
        return (InetSocketAddress) channel.localAddress();
    }

    /** Stops the listener (bounded wait). Idempotent. */
    @Override
    public synchronized void close() {
        if (channel == null) {
            return;
        }
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        LOG.info("Management on {} stopped", channel.localAddress());
        channel = null;
    }
}
