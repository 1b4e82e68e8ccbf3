package org.cmppgw.cmpp.session.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.pdu.CmppConnectResp;
import org.cmppgw.cmpp.session.CmppPipeline;
import org.cmppgw.cmpp.session.CmppSession;
import org.cmppgw.cmpp.session.CmppSessionListener;
import org.cmppgw.cmpp.session.SequenceIds;
import org.cmppgw.cmpp.session.SocketTransport;

import java.lang.System.Logger.Level;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Opens SP-side CMPP connections: TCP connect, CONNECT login, session (docs/cmpp-protocol.md §5.5). One call, one
 * connection; reconnecting with back-off and keeping N connections per account is the caller's policy (§12.5).
 *
 * <p>The returned future and the session's listener run on the connection's event loop, so a listener of the future
 * may call {@link CmppSession#trySend} directly.
 */
public final class CmppClient {
    private static final System.Logger LOG = System.getLogger(CmppClient.class.getName());

    private CmppClient() {
    }

    /**
     * Connects on {@code group}, with its transport ({@link SocketTransport}).
     *
     * @return completes with the logged-in session, or fails with {@link CmppLoginException} (refused, timed out,
     *     impostor ISMG, version mismatch) or the connect error
     */
    public static Future<CmppSession> connect(EventLoopGroup group, CmppClientConfig config,
                                              CmppSessionListener listener) {
        return connect(new Bootstrap().group(group).channel(SocketTransport.socketChannel(group)), config, listener);
    }

    /**
     * Connects with {@code bootstrap}'s group and channel type (e.g. epoll); its handler and remote address are
     * replaced, its options kept.
     */
    public static Future<CmppSession> connect(Bootstrap bootstrap, CmppClientConfig config,
                                              CmppSessionListener listener) {
        EventLoop loop = bootstrap.config().group().next();
        Promise<CmppSession> result = loop.newPromise();
        attempt(bootstrap, loop, config, listener, result, true);
        return result;
    }

    /**
     * Prepares a client channel: on connect it logs in as {@code config} and completes {@code loginPromise} with the
     * session (or fails it with {@link CmppLoginException}). {@link #connect} uses this; call it yourself from a
     * {@code ChannelInitializer} to run CMPP on your own bootstrap.
     */
    public static void initChannel(Channel channel, CmppClientConfig config, CmppSessionListener listener,
                                   Promise<CmppSession> loginPromise) {
        SequenceIds sequenceIds = new SequenceIds(config.randomSequenceStart() ? randomFirstId() : 1);
        CmppPipeline.init(channel.pipeline(), config.version(), config.sessionConfig(), sequenceIds,
            new ClientConnectHandler(config, sequenceIds, listener, loginPromise));
    }

    /** A random first id in 1..2^31-1: never 0, and far below the 0xFFFFFFFF wrap. */
    static int randomFirstId() {
        return 1 + ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE - 1);
    }

    private static void attempt(Bootstrap bootstrap, EventLoop loop, CmppClientConfig config,
                                CmppSessionListener listener, Promise<CmppSession> result, boolean mayDowngrade) {
        Promise<CmppSession> login = loop.newPromise();
        Bootstrap b = bootstrap.clone(loop)
            .remoteAddress(config.host(), config.port())
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                config.connectTimeout().toMillis()))
            .option(ChannelOption.TCP_NODELAY, true)
            .handler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel channel) {
                    CmppClient.initChannel(channel, config, listener, login);
                }
            });
        ChannelFuture connected = b.connect();
        connected.addListener(f -> {
            if (!f.isSuccess()) {
                login.tryFailure(f.cause());
            }
        });
        login.addListener(f -> {
            if (f.isSuccess()) {
                result.trySuccess(login.getNow());
            } else if (mayDowngrade && isVersionTooHigh(f.cause(), config)) {
                LOG.log(Level.INFO, () -> "cmpp client " + config.sourceAddr() + "@" + config.host() + ":"
                    + config.port() + " - 3.0 refused with Status 4, reconnecting as 2.0");
                attempt(bootstrap, loop, config.withVersion(CmppVersion.V20), listener, result, false);
            } else {
                result.tryFailure(f.cause());
            }
        });
    }

    private static boolean isVersionTooHigh(Throwable cause, CmppClientConfig config) {
        return config.allowDowngrade() && config.version() == CmppVersion.V30
            && cause instanceof CmppLoginException login
            && login.status() == CmppConnectResp.STATUS_VERSION_TOO_HIGH;
    }
}
