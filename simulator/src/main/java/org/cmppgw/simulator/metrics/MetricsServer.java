package org.cmppgw.simulator.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.cmppgw.cmpp.session.SocketTransport;
import org.cmppgw.simulator.http.HttpReplies;
import org.cmppgw.simulator.http.HttpServers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Serves {@code GET /metrics} in the Prometheus text format from a {@link PrometheusMeterRegistry}, on its own
 * single event-loop thread so scrapes never touch the simulator's traffic loops. Used by the SMTP sink and the
 * ISMG; configs use port 0 to mean "off" and leave this class out, tests bind port 0 for a free port.
 */
public final class MetricsServer implements AutoCloseable {
    /** Where the registry is served. */
    public static final String PATH = "/metrics";
    /** Prometheus text exposition format 0.0.4. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
    private static final int MAX_REQUEST = 8192;

    private final EventLoopGroup group;
    private final Channel channel;

    private MetricsServer(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    /**
     * Binds {@code host:port} (0 = any free port) and serves the registry.
     *
     * @throws IllegalStateException when the address cannot be bound
     */
    public static MetricsServer start(String host, int port, PrometheusMeterRegistry registry) {
        EventLoopGroup group = SocketTransport.newGroup(1, new DefaultThreadFactory("metrics-http", true));
        try {
            ScrapeHandler handler = new ScrapeHandler(registry);
            Channel channel = HttpServers.bind(group, host, port, MAX_REQUEST, () -> handler);
            MetricsServer server = new MetricsServer(group, channel);
            LOG.info("metrics on http://{}:{}{}", host, server.port(), PATH);
            return server;
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    /** The bound port. */
    public int port() {
        return HttpServers.port(channel);
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    @ChannelHandler.Sharable
    private static final class ScrapeHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final PrometheusMeterRegistry registry;

        ScrapeHandler(PrometheusMeterRegistry registry) {
            this.registry = registry;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            String path = new QueryStringDecoder(request.uri()).path();
            if (!PATH.equals(path)) {
                HttpReplies.text(ctx, request, HttpResponseStatus.NOT_FOUND, "not found: " + path + "\n");
            } else if (!HttpMethod.GET.equals(request.method())) {
                HttpReplies.text(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "use GET\n");
            } else {
                HttpReplies.send(ctx, request, HttpResponseStatus.OK, CONTENT_TYPE,
                    ByteBufUtil.writeUtf8(ctx.alloc(), registry.scrape()));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("metrics connection {} failed", ctx.channel().remoteAddress(), cause);
            ctx.close();
        }
    }
}
