package org.cmppgw.simulator.ismg;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /metrics} of the ISMG in the Prometheus text format (docs/design.md §7), on its own port and one thread so
 * a scrape never competes with CMPP traffic for an event loop. Everything else is 404. Cold path.
 */
final class IsmgMetricsEndpoint implements AutoCloseable {
    static final String PATH = "/metrics";
    /** The Prometheus text exposition format. */
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final int MAX_REQUEST_BYTES = 8192;
    private static final long CLOSE_WAIT_SECONDS = 5;

    private final EventLoopGroup group;
    private final Channel channel;

    private IsmgMetricsEndpoint(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    /** Binds {@code host:port} (0 = any free port). Blocks until bound. */
    static IsmgMetricsEndpoint bind(String host, int port, PrometheusMeterRegistry registry) {
        EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("ismg-metrics"));
        try {
            Channel channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_REQUEST_BYTES),
                            new Scrape(registry));
                    }
                })
                .bind(host, port).syncUninterruptibly().channel();
            return new IsmgMetricsEndpoint(group, channel);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        group.shutdownGracefully(0, CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)
            .awaitUninterruptibly(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** Answers one request at a time on its connection. */
    private static final class Scrape extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final PrometheusMeterRegistry registry;

        Scrape(PrometheusMeterRegistry registry) {
            this.registry = registry;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            boolean found = request.method() == HttpMethod.GET
                && PATH.equals(new QueryStringDecoder(request.uri()).path());
            ByteBuf body = found ? Unpooled.copiedBuffer(registry.scrape(), StandardCharsets.UTF_8)
                : Unpooled.copiedBuffer("not found: try GET " + PATH + "\n", StandardCharsets.UTF_8);
            FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(),
                found ? HttpResponseStatus.OK : HttpResponseStatus.NOT_FOUND, body);
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, found ? CONTENT_TYPE : "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (keepAlive) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                ctx.writeAndFlush(response, ctx.voidPromise());
            } else {
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
