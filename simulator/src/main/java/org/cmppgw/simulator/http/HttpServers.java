package org.cmppgw.simulator.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.flush.FlushConsolidationHandler;
import org.cmppgw.cmpp.session.SocketTransport;

import java.net.InetSocketAddress;
import java.util.function.Supplier;

/**
 * Binds an HTTP/1.1 server whose last handler receives whole {@code FullHttpRequest}s. Keep-alive follows the
 * request (Netty's {@link HttpServerKeepAliveHandler}), pipelined requests are answered in order; bodies above
 * {@code maxContentLength} get 413.
 */
public final class HttpServers {
    private HttpServers() {
    }

    /**
     * Binds {@code host:port} (port 0 = any free port) and returns the server channel once bound.
     *
     * @param handler creates the request handler for each new connection (may return a shared {@code @Sharable})
     * @throws IllegalStateException when the address cannot be bound
     */
    public static Channel bind(EventLoopGroup group, String host, int port, int maxContentLength,
                               Supplier<? extends ChannelHandler> handler) {
        ServerBootstrap bootstrap = new ServerBootstrap()
            .group(group)
            .channel(SocketTransport.serverChannel(group))
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    // answers to pipelined requests read together are flushed together, in one write
                    ch.pipeline().addLast(new FlushConsolidationHandler(), new HttpServerCodec(),
                        new HttpServerKeepAliveHandler(),
                        new HttpObjectAggregator(maxContentLength), handler.get());
                }
            });
        ChannelFuture bound = bootstrap.bind(host, port).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IllegalStateException("http server " + host + ":" + port + " - bind failed ("
                + bound.cause() + ")", bound.cause());
        }
        return bound.channel();
    }

    /** The port a bound server channel listens on (useful after binding port 0). */
    public static int port(Channel serverChannel) {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }
}
