package org.cmppgw.simulator.fakejsms;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import org.cmppgw.cmpp.session.SocketTransport;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Keep-alive HTTP connections to one callback host (scheme, host and port), each with one callback in flight.
 * Callbacks wait in a FIFO queue for a free connection; one that is not answered with 200 goes back to the caller
 * through {@code onFailure}. Confined to the fake server's event loop.
 */
final class CallbackPool {
    private static final int OK = 200;
    private static final int CONNECT_TIMEOUT_MILLIS = 5000;
    private static final int MAX_RESPONSE_BYTES = 64 * 1024;

    private final EventLoop loop;
    private final URI origin;
    private final int maxConnections;
    private final long retryDelayMillis;
    private final Function<Delivery, String> formBody;
    private final Consumer<Delivery> onSuccess;
    private final Consumer<Delivery> onFailure;
    private final ArrayDeque<Delivery> queue = new ArrayDeque<>();
    private final List<Connection> connections = new ArrayList<>();
    private final Bootstrap bootstrap;
    private boolean closed;

    CallbackPool(EventLoop loop, URI origin, int maxConnections, long retryDelayMillis,
                 Function<Delivery, String> formBody, Consumer<Delivery> onSuccess, Consumer<Delivery> onFailure) {
        this.loop = loop;
        this.origin = origin;
        this.maxConnections = maxConnections;
        this.retryDelayMillis = retryDelayMillis;
        this.formBody = formBody;
        this.onSuccess = onSuccess;
        this.onFailure = onFailure;
        this.bootstrap = new Bootstrap().group(loop).channel(SocketTransport.socketChannel(loop))
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS);
    }

    void enqueue(Delivery delivery) {
        queue.add(delivery);
        dispatch();
    }

    void close() {
        closed = true;
        queue.clear();
        for (Connection connection : List.copyOf(connections)) {
            if (connection.channel != null) {
                connection.channel.close();
            }
        }
    }

    private void dispatch() {
        if (closed) {
            return;
        }
        for (Connection connection : connections) {
            if (queue.isEmpty()) {
                return;
            }
            if (connection.idle()) {
                connection.send(queue.poll());
            }
        }
        if (!queue.isEmpty() && connections.size() < maxConnections) {
            open();
        }
    }

    private void open() {
        Connection connection = new Connection();
        connections.add(connection);
        int port = origin.getPort() < 0 ? 80 : origin.getPort();
        bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_RESPONSE_BYTES),
                    connection);
            }
        }).connect(origin.getHost(), port).addListener(f -> {
            if (!f.isSuccess()) {
                connections.remove(connection);
                // The receiver is not there (yet): try again later rather than spinning.
                loop.schedule(this::dispatch, Math.max(retryDelayMillis, 1), TimeUnit.MILLISECONDS);
            }
        });
    }

    private FullHttpRequest request(ByteBufAllocator alloc, Delivery delivery) {
        URI url = delivery.url();
        String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
            + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path,
            ByteBufUtil.writeUtf8(alloc, formBody.apply(delivery)));
        request.headers()
            .set(HttpHeaderNames.HOST, url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort())
            .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_X_WWW_FORM_URLENCODED)
            .setInt(HttpHeaderNames.CONTENT_LENGTH, request.content().readableBytes());
        return request;
    }

    /** One connection; not shared, a new instance per connect. */
    private final class Connection extends SimpleChannelInboundHandler<FullHttpResponse> {
        private Channel channel;
        private Delivery inFlight;

        boolean idle() {
            return channel != null && channel.isActive() && inFlight == null;
        }

        void send(Delivery delivery) {
            inFlight = delivery;
            channel.writeAndFlush(request(channel.alloc(), delivery))
                .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            channel = ctx.channel();
            dispatch();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            Delivery done = inFlight;
            inFlight = null;
            if (done != null) {
                if (response.status().code() == OK) {
                    onSuccess.accept(done);
                } else {
                    onFailure.accept(done);
                }
            }
            dispatch();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            connections.remove(this);
            Delivery lost = inFlight;
            inFlight = null;
            if (lost != null && !closed) {
                onFailure.accept(lost);
            }
            dispatch();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
