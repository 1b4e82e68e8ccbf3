package org.cmppgw.cmpp.session;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.Errors;

import java.net.BindException;
import java.util.concurrent.ThreadFactory;

/**
 * Which Netty transport the sockets use: Linux's native epoll when Netty's native library loads (the gateway and the
 * simulator bundle it for x86_64 and aarch64), NIO otherwise. Epoll spends less CPU per read and write and makes less
 * garbage than NIO's selector, and every message crosses several sockets (API, CMPP, callback).
 * {@code -Dio.netty.transport.noNative=true} forces NIO (docs/operations.md).
 *
 * <p>A channel's type must match its event loop's, so channels follow the group they are given: a caller that
 * brings its own NIO group (tests do) keeps NIO channels.
 */
public final class SocketTransport {
    /**
     * Linux's EADDRINUSE (x86_64 and aarch64, where epoll runs), negated as Netty reports it. The errno, not the
     * message: that is the C library's text, which a Chinese locale translates.
     */
    private static final int EADDRINUSE_NEGATIVE = -98;

    private SocketTransport() {
    }

    /** A new group of {@code threads} event loops (0 = Netty's default, twice the cores) of the preferred kind. */
    public static EventLoopGroup newGroup(int threads, ThreadFactory threadFactory) {
        return Epoll.isAvailable()
            ? new EpollEventLoopGroup(threads, threadFactory)
            : new NioEventLoopGroup(threads, threadFactory);
    }

    /** The client socket type for {@code group}'s event loops ({@code group} may be a single event loop). */
    public static Class<? extends SocketChannel> socketChannel(EventLoopGroup group) {
        return isNio(group) ? NioSocketChannel.class : EpollSocketChannel.class;
    }

    /** The listening socket type for {@code group}'s event loops. */
    public static Class<? extends ServerSocketChannel> serverChannel(EventLoopGroup group) {
        return isNio(group) ? NioServerSocketChannel.class : EpollServerSocketChannel.class;
    }

    /** "epoll", or "nio" with the reason epoll is not used, for a start-up log line. */
    public static String describe() {
        return Epoll.isAvailable() ? "epoll" : "nio (" + Epoll.unavailabilityCause() + ")";
    }

    /**
     * Whether {@code failure} (or a cause) says a bind found its address in use: NIO's {@link BindException}, or
     * epoll's native error with EADDRINUSE.
     */
    public static boolean addressInUse(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindException
                || t instanceof Errors.NativeIoException error && error.expectedErr() == EADDRINUSE_NEGATIVE) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNio(EventLoopGroup group) {
        return group instanceof NioEventLoopGroup || group.next() instanceof NioEventLoop;
    }
}
