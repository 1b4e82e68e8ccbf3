package org.cmppgw.cmpp.session.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.auth.Authenticator;
import org.cmppgw.cmpp.auth.CmppTimestamp;
import org.cmppgw.cmpp.codec.CmppCodecException;
import org.cmppgw.cmpp.pdu.CmppConnect;
import org.cmppgw.cmpp.pdu.CmppConnectResp;
import org.cmppgw.cmpp.session.CmppPipeline;
import org.cmppgw.cmpp.session.CmppSession;
import org.cmppgw.cmpp.session.CmppSessionListener;
import org.cmppgw.cmpp.session.SequenceIds;

import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The SP side of login (docs/cmpp-protocol.md §5.3-§5.5): sends CONNECT when the channel becomes active and waits up to
 * {@code loginTimeout} for CONNECT_RESP. Status 0 starts the session, after two checks:
 * <ul>
 *   <li>version: a 3.0 client answered with Version 0x20/0x21 switches to 2.0 if {@code allowDowngrade}, else fails;
 *       a 2.0 client keeps 2.0 whatever higher version the ISMG announces (§5.1);</li>
 *   <li>AuthenticatorISMG (§5.4): accepted when it matches the Status hashed at 1 or 4 bytes (ISMGs differ, §16);
 *       a mismatch fails the login in strict mode and is logged otherwise.</li>
 * </ul>
 * Any other outcome fails the login promise with {@link CmppLoginException} and closes the channel.
 */
final class ClientConnectHandler extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(ClientConnectHandler.class.getName());

    private final CmppClientConfig config;
    private final SequenceIds sequenceIds;
    private final CmppSessionListener listener;
    private final Promise<CmppSession> loginPromise;
    private Authenticator authenticatorSource;
    private ScheduledFuture<?> loginTimer;

    ClientConnectHandler(CmppClientConfig config, SequenceIds sequenceIds, CmppSessionListener listener,
                         Promise<CmppSession> loginPromise) {
        this.config = config;
        this.sequenceIds = sequenceIds;
        this.listener = listener;
        this.loginPromise = loginPromise;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            sendConnect(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        sendConnect(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (loginPromise.isDone()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof CmppConnectResp resp) {
            onConnectResp(ctx, resp);
        } else if (msg instanceof CmppCodecException bad) {
            fail(ctx, new CmppLoginException(CmppLoginException.NO_STATUS, name(ctx) + " - unreadable answer to "
                + "CONNECT: " + bad.getMessage(), bad));
        } else {
            fail(ctx, new CmppLoginException(CmppLoginException.NO_STATUS, name(ctx) + " - "
                + msg.getClass().getSimpleName() + " before CONNECT_RESP"));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, new CmppLoginException(CmppLoginException.NO_STATUS, name(ctx) + " - login failed: " + cause,
            cause));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(ctx, new CmppLoginException(CmppLoginException.NO_STATUS, name(ctx)
            + " - connection closed before CONNECT_RESP"));
        ctx.fireChannelInactive();
    }

    private void sendConnect(ChannelHandlerContext ctx) {
        if (authenticatorSource != null) {
            return;
        }
        LOG.log(Level.INFO, () -> name(ctx) + " - connected, logging in as " + config.version().label());
        long timestamp = CmppTimestamp.now(config.clock(), config.zone());
        authenticatorSource = Authenticator.source(config.sourceAddr(), config.secret(), timestamp);
        ctx.writeAndFlush(new CmppConnect(sequenceIds.next(), config.sourceAddr(), authenticatorSource,
            config.version().wireValue(), timestamp), ctx.voidPromise());
        loginTimer = ctx.executor().schedule(() -> fail(ctx, new CmppLoginException(CmppLoginException.NO_STATUS,
            name(ctx) + " - no CONNECT_RESP within " + config.sessionConfig().loginTimeout())),
            config.sessionConfig().loginTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    private void onConnectResp(ChannelHandlerContext ctx, CmppConnectResp resp) {
        if (!resp.isOk()) {
            fail(ctx, new CmppLoginException(resp.status(), name(ctx) + " - login refused, Status " + resp.status()
                + " (" + CmppLoginException.describe(resp.status()) + "), ISMG version 0x"
                + Integer.toHexString(resp.version())));
            return;
        }
        CmppVersion version = config.version();
        if (version == CmppVersion.V30 && resp.version() < CmppVersion.V30.wireValue()) {
            if (!config.allowDowngrade()) {
                fail(ctx, new CmppLoginException(resp.status(), name(ctx) + " - ISMG answered version 0x"
                    + Integer.toHexString(resp.version()) + " to a 3.0 login and downgrade is not allowed"));
                return;
            }
            version = CmppVersion.V20;
        }
        if (!ismgAuthenticated(resp)) {
            if (config.strictIsmgAuth()) {
                fail(ctx, new CmppLoginException(resp.status(), name(ctx) + " - AuthenticatorISMG does not match the"
                    + " secret: not the ISMG we expect (strict check)"));
                return;
            }
            LOG.log(Level.WARNING, () -> name(ctx) + " - AuthenticatorISMG does not match the secret, continuing"
                + " (lenient check)");
        }
        loginTimer.cancel(false);
        CmppVersion negotiated = version;
        CmppPipeline.switchVersion(ctx.pipeline(), negotiated);
        LOG.log(Level.INFO, () -> name(ctx) + " - logged in (" + negotiated.label() + ", ISMG version 0x"
            + Integer.toHexString(resp.version()) + ")");
        ctx.pipeline().remove(this);
        Function<CmppSession, CmppSessionListener> listeners = session -> listener;
        CmppSession session = CmppPipeline.activate(ctx.pipeline(), negotiated, config.sourceAddr(), listeners);
        loginPromise.trySuccess(session);
    }

    /** Status hashed at 1 byte (2.0 width) or 4 bytes (3.0 width; some 2.0 ISMGs do this too, §16). */
    private boolean ismgAuthenticated(CmppConnectResp resp) {
        Authenticator received = resp.authenticatorIsmg();
        return Authenticator.ismg(resp.status(), CmppVersion.V20, authenticatorSource, config.secret())
            .matches(received)
            || Authenticator.ismg(resp.status(), CmppVersion.V30, authenticatorSource, config.secret())
            .matches(received);
    }

    private void fail(ChannelHandlerContext ctx, CmppLoginException cause) {
        if (loginTimer != null) {
            loginTimer.cancel(false);
        }
        if (!loginPromise.isDone()) {
            LOG.log(Level.INFO, cause::getMessage);
            loginPromise.tryFailure(cause);
            ctx.close();
        }
    }

    private String name(ChannelHandlerContext ctx) {
        return "cmpp client " + config.sourceAddr() + "@" + ctx.channel().remoteAddress();
    }
}
