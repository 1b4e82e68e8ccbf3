package org.cmppgw.simulator.callbacks;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.cmppgw.cmpp.session.SocketTransport;
import org.cmppgw.simulator.http.HttpServers;
import org.cmppgw.simulator.jsms.CallbackEndpoint;
import org.cmppgw.simulator.jsms.JsmsSignature;

import java.io.PrintStream;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * The callback watcher's HTTP server: a {@link CallbackEndpoint} on one event loop (the endpoint needs a single
 * thread) whose listener is a {@link CallbackPrinter}. Started by {@link CallbacksCommand}, and in-process by
 * tests.
 */
public final class CallbacksServer implements AutoCloseable {
    /** Callback forms are small; anything larger gets 413. */
    private static final int MAX_CALLBACK_BYTES = 64 * 1024;

    private final CallbacksConfig config;
    private final EventLoopGroup group;
    private final Channel server;

    private CallbacksServer(CallbacksConfig config, EventLoopGroup group, Channel server) {
        this.config = config;
        this.group = group;
        this.server = server;
    }

    /**
     * Binds {@code host:port} and prints every callback to {@code out}.
     *
     * @throws IllegalStateException when the address cannot be bound
     */
    public static CallbacksServer start(CallbacksConfig config, PrintStream out) {
        EventLoopGroup group = SocketTransport.newGroup(1, new DefaultThreadFactory("callbacks", true));
        try {
            CallbackEndpoint endpoint = new CallbackEndpoint(config.path(),
                new JsmsSignature(config.appKey(), config.masterSecret()), new CallbackPrinter(out));
            Channel server = HttpServers.bind(group, config.host(), config.port(), MAX_CALLBACK_BYTES,
                () -> endpoint);
            return new CallbacksServer(config, group, server);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** The callback URL as bound, e.g. {@code http://127.0.0.1:8090/callback}. */
    public URI uri() {
        String host = config.host().indexOf(':') >= 0 ? "[" + config.host() + "]" : config.host();
        return URI.create("http://" + host + ":" + HttpServers.port(server) + config.path());
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
