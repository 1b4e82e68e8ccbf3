package org.cmppgw.gateway.app;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.cmppgw.cmpp.session.SocketTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The sockets' transport: epoll from the jar's own native library on Linux, channels that match their group. */
class SocketTransportTest {

    @Test
    @EnabledOnOs(value = OS.LINUX, architectures = {"amd64", "aarch64"})
    void onLinuxTheBundledEpollLibraryLoadsAndCarriesARoundTrip() throws Exception {
        assertThat(SocketTransport.describe()).isEqualTo("epoll");
        EventLoopGroup group = SocketTransport.newGroup(1, new DefaultThreadFactory("transport-test", true));
        assertThat(group).isInstanceOf(EpollEventLoopGroup.class);
        assertChannelsFollowTheGroup(group, EpollSocketChannel.class, EpollServerSocketChannel.class);
    }

    @Test
    void aCallersNioGroupKeepsNioChannels() throws Exception {
        assertChannelsFollowTheGroup(new NioEventLoopGroup(1, new DefaultThreadFactory("transport-test", true)),
            NioSocketChannel.class, NioServerSocketChannel.class);
    }

    @Test
    void otherFailuresAreNotAnAddressInUse() {
        assertThat(SocketTransport.addressInUse(new IllegalStateException("closed",
            new IOException("Connection reset by peer")))).isFalse();
    }

    /**
     * Channels of {@code group} (and of one of its event loops) are of the given types, carry a round trip, and a bind
     * to a port in use is recognised; shuts {@code group} down.
     */
    private static void assertChannelsFollowTheGroup(EventLoopGroup group, Class<?> socket, Class<?> server)
            throws Exception {
        try {
            assertThat(SocketTransport.socketChannel(group)).isEqualTo(socket);
            assertThat(SocketTransport.serverChannel(group)).isEqualTo(server);
            assertThat(SocketTransport.socketChannel(group.next())).isEqualTo(socket);
            assertThat(SocketTransport.serverChannel(group.next())).isEqualTo(server);
            assertThat(echo(group)).isEqualTo("ping");
            assertThat(secondBindFailure(group)).as("the failure of a second bind").isNotNull()
                .matches(SocketTransport::addressInUse);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** What binding a port that {@code group} already listens on throws. */
    private static Throwable secondBindFailure(EventLoopGroup group) throws Exception {
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(SocketTransport.serverChannel(group))
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                }
            });
        Channel first = bootstrap.bind("127.0.0.1", 0).sync().channel();
        try {
            ChannelFuture second = bootstrap.bind(first.localAddress()).await();
            if (second.isSuccess()) {
                second.channel().close().sync();
                return null;
            }
            return new IllegalStateException("bind failed", second.cause());
        } finally {
            first.close().sync();
        }
    }

    /** Sends "ping" to an echo server on 127.0.0.1, both ends on {@code group}, and returns what came back. */
    private static String echo(EventLoopGroup group) throws Exception {
        Channel server = new ServerBootstrap().group(group).channel(SocketTransport.serverChannel(group))
            .childHandler(new SimpleChannelInboundHandler<ByteBuf>() {
                @Override
                protected void channelRead0(ChannelHandlerContext ctx, ByteBuf message) {
                    ctx.writeAndFlush(message.retain());
                }
            })
            .bind("127.0.0.1", 0).sync().channel();
        CompletableFuture<String> answer = new CompletableFuture<>();
        Channel client = new Bootstrap().group(group).channel(SocketTransport.socketChannel(group))
            .handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new SimpleChannelInboundHandler<ByteBuf>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf message) {
                            answer.complete(message.toString(StandardCharsets.US_ASCII));
                        }
                    });
                }
            })
            .connect(server.localAddress()).sync().channel();
        try {
            client.writeAndFlush(Unpooled.copiedBuffer("ping", StandardCharsets.US_ASCII)).sync();
            return answer.get(10, TimeUnit.SECONDS);
        } finally {
            client.close().sync();
            server.close().sync();
        }
    }
}
