package org.cmppgw.cmpp.session.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.cmppgw.cmpp.session.CmppPipeline;
import org.cmppgw.cmpp.session.CmppSession;
import org.cmppgw.cmpp.session.CmppSessionListener;
import org.cmppgw.cmpp.session.SequenceIds;
import org.cmppgw.cmpp.session.SocketTransport;

import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The ISMG side of CMPP (the simulator's carrier, test peers): accepts connections, logs them in against a
 * {@link CmppAccountRegistry} ({@link ServerConnectHandler}) and hands each session to the listener made for it
 * (docs/cmpp-protocol.md §1, §5). Bind port 0 in tests and read {@link #port()}.
 */
public final class CmppServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CmppServer.class.getName());
    private static final long CLOSE_WAIT_SECONDS = 10;

    private final Channel serverChannel;
    private final ChannelGroup children;
    private final ConnectionCounter counter;
    private final EventLoopGroup ownedBoss;
    private final EventLoopGroup ownedWorkers;

    private CmppServer(Channel serverChannel, ChannelGroup children, ConnectionCounter counter,
                       EventLoopGroup ownedBoss, EventLoopGroup ownedWorkers) {
        this.serverChannel = serverChannel;
        this.children = children;
        this.counter = counter;
        this.ownedBoss = ownedBoss;
        this.ownedWorkers = ownedWorkers;
    }

    /**
     * Binds with event loops of its own (1 acceptor, {@code ioThreads} workers), shut down by {@link #close()}.
     * Blocks until bound: call it at start-up, not on an event loop.
     *
     * @param listeners makes the listener of each logged-in session (called on the session's event loop)
     */
    public static CmppServer bind(CmppServerConfig config, CmppAccountRegistry accounts,
                                  Function<CmppSession, CmppSessionListener> listeners) {
        EventLoopGroup boss = SocketTransport.newGroup(1, new DefaultThreadFactory("cmpp-server-accept"));
        EventLoopGroup workers = SocketTransport.newGroup(config.ioThreads(),
            new DefaultThreadFactory("cmpp-server-io"));
        try {
            return bind(boss, workers, config, accounts, listeners, true);
        } catch (Exception e) { // also the BindException that Netty's sync() rethrows undeclared
            boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** Binds on groups the caller owns and shuts down; {@link #close()} closes channels only. */
    public static CmppServer bind(EventLoopGroup boss, EventLoopGroup workers, CmppServerConfig config,
                                  CmppAccountRegistry accounts, Function<CmppSession, CmppSessionListener> listeners) {
        return bind(boss, workers, config, accounts, listeners, false);
    }

    private static CmppServer bind(EventLoopGroup boss, EventLoopGroup workers, CmppServerConfig config,
                                   CmppAccountRegistry accounts, Function<CmppSession, CmppSessionListener> listeners,
                                   boolean owned) {
        ServerLoginPolicy policy = new ServerLoginPolicy(config, accounts);
        ConnectionCounter counter = new ConnectionCounter();
        ChannelGroup children = new DefaultChannelGroup("cmpp-server", GlobalEventExecutor.INSTANCE);
        ServerBootstrap bootstrap = new ServerBootstrap()
            .group(boss, workers)
            .channel(SocketTransport.serverChannel(boss))
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel channel) {
                    children.add(channel);
                    CmppServer.initChannel(channel, policy, counter, listeners);
                }
            });
        Channel serverChannel = bootstrap.bind(config.host(), config.port()).syncUninterruptibly().channel();
        CmppServer server = new CmppServer(serverChannel, children, counter, owned ? boss : null,
            owned ? workers : null);
        LOG.log(Level.INFO, () -> "cmpp server - listening on " + serverChannel.localAddress() + " (up to "
            + config.highestVersion().label() + ")");
        return server;
    }

    /**
     * Installs the pipeline of one accepted connection: login judged by {@code policy}, connections per account
     * limited by {@code counter}.
     */
    static void initChannel(Channel channel, ServerLoginPolicy policy, ConnectionCounter counter,
                            Function<CmppSession, CmppSessionListener> listeners) {
        SequenceIds sequenceIds = new SequenceIds();
        CmppPipeline.init(channel.pipeline(), policy.config().highestVersion(), policy.config().sessionConfig(),
            sequenceIds, new ServerConnectHandler(policy, counter, listeners));
    }

    /** The bound port (useful after binding port 0). */
    public int port() {
        return localAddress().getPort();
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** Logged-in connections of {@code sourceAddr} right now. */
    public int connections(String sourceAddr) {
        return counter.count(sourceAddr);
    }

    /**
     * Stops listening and closes every connection at once (no TERMINATE: sessions see a lost connection), then shuts
     * down the event loops this server created. Waits a bounded time.
     */
    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        children.close().awaitUninterruptibly(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        if (ownedBoss != null) {
            ownedBoss.shutdownGracefully(0, CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)
                .awaitUninterruptibly(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
            ownedWorkers.shutdownGracefully(0, CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)
                .awaitUninterruptibly(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        }
        LOG.log(Level.INFO, () -> "cmpp server - closed " + serverChannel.localAddress());
    }
}
