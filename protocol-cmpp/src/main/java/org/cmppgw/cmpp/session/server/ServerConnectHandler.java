package org.cmppgw.cmpp.session.server;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.CommandId;
import org.cmppgw.cmpp.auth.Authenticator;
import org.cmppgw.cmpp.codec.CmppCodecException;
import org.cmppgw.cmpp.pdu.CmppConnect;
import org.cmppgw.cmpp.pdu.CmppConnectResp;
import org.cmppgw.cmpp.session.CmppPipeline;
import org.cmppgw.cmpp.session.CmppSession;
import org.cmppgw.cmpp.session.CmppSessionListener;

import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The ISMG side of login (docs/cmpp-protocol.md §5.5): the first PDU must be a CONNECT within {@code loginTimeout},
 * else the connection is closed. The CONNECT is judged by {@link ServerLoginPolicy} and the per-account connection
 * limit (Status 5). A refusal is a CONNECT_RESP with an all-zero AuthenticatorISMG, then close. On success the
 * AuthenticatorISMG is computed at the link's Status width (§5.4), the codec switches to the negotiated version, the
 * session starts, and this handler removes itself.
 */
final class ServerConnectHandler extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(ServerConnectHandler.class.getName());

    private final ServerLoginPolicy policy;
    private final ConnectionCounter counter;
    private final Function<CmppSession, CmppSessionListener> listeners;
    private ScheduledFuture<?> loginTimer;
    private boolean done;

    ServerConnectHandler(ServerLoginPolicy policy, ConnectionCounter counter,
                         Function<CmppSession, CmppSessionListener> listeners) {
        this.policy = policy;
        this.counter = counter;
        this.listeners = listeners;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            startLoginTimer(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        startLoginTimer(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (done) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (msg instanceof CmppConnect connect) {
            login(ctx, connect);
        } else if (msg instanceof CmppCodecException bad && bad.knownCommand()
            && bad.commandId() == CommandId.CMPP_CONNECT) {
            CmppVersion highest = policy.config().highestVersion();
            refuse(ctx, bad.sequenceId(), new ServerLoginPolicy.Decision(CmppConnectResp.STATUS_STRUCTURE_ERROR,
                highest, highest.wireValue(), null, "malformed CONNECT: " + bad.getMessage()));
        } else {
            done = true;
            cancelLoginTimer();
            LOG.log(Level.INFO, () -> "cmpp server - " + ctx.channel().remoteAddress() + " sent " + describe(msg)
                + " before CONNECT, closing");
            ReferenceCountUtil.release(msg);
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (done) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        done = true;
        cancelLoginTimer();
        LOG.log(Level.INFO, () -> "cmpp server - " + ctx.channel().remoteAddress() + " failed before login: "
            + cause);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelLoginTimer();
        if (!done) {
            LOG.log(Level.INFO, () -> "cmpp server - " + ctx.channel().remoteAddress() + " closed before login");
        }
        ctx.fireChannelInactive();
    }

    private void login(ChannelHandlerContext ctx, CmppConnect connect) {
        ServerLoginPolicy.Decision decision = policy.check(connect, hostAddress(ctx.channel().remoteAddress()));
        if (!decision.ok()) {
            refuse(ctx, connect.sequenceId(), decision);
            return;
        }
        CmppAccount account = decision.account();
        if (!counter.tryAcquire(account.sourceAddr(), account.maxConnections())) {
            refuse(ctx, connect.sequenceId(), new ServerLoginPolicy.Decision(CmppConnectResp.STATUS_OTHER,
                decision.layout(), decision.announcedVersion(), null, "already " + account.maxConnections()
                    + " connections"));
            return;
        }
        done = true;
        cancelLoginTimer();
        ctx.channel().closeFuture().addListener(f -> counter.release(account.sourceAddr()));
        CmppVersion version = decision.layout();
        CmppPipeline.switchVersion(ctx.pipeline(), version);
        Authenticator ismg = Authenticator.ismg(CmppConnectResp.STATUS_OK, version, connect.authenticatorSource(),
            account.secret());
        ctx.writeAndFlush(new CmppConnectResp(connect.sequenceId(), CmppConnectResp.STATUS_OK, ismg,
            decision.announcedVersion()));
        if (!decision.warning().isEmpty()) {
            long heldBack = policy.warnings().tryPass();
            if (heldBack >= 0) {
                LOG.log(Level.WARNING, () -> "cmpp server - login from " + ctx.channel().remoteAddress()
                    + " accepted although " + decision.warning()
                    + (heldBack > 0 ? "; " + heldBack + " such warnings held back since the last one" : ""));
            }
        }
        LOG.log(Level.INFO, () -> "cmpp server - " + account.sourceAddr() + "@" + ctx.channel().remoteAddress()
            + " logged in (" + version.label() + ", asked 0x" + Integer.toHexString(connect.version()) + ")");
        ctx.pipeline().remove(this);
        CmppPipeline.activate(ctx.pipeline(), version, account.sourceAddr(), listeners);
    }

    private void refuse(ChannelHandlerContext ctx, int sequenceId, ServerLoginPolicy.Decision decision) {
        done = true;
        cancelLoginTimer();
        CmppPipeline.switchVersion(ctx.pipeline(), decision.layout());
        LOG.log(Level.INFO, () -> "cmpp server - login from " + ctx.channel().remoteAddress() + " refused, Status "
            + decision.status() + " (" + CmppConnectResp.describeStatus(decision.status()) + "): " + decision.reason());
        ctx.writeAndFlush(new CmppConnectResp(sequenceId, decision.status(), Authenticator.ZERO,
            decision.announcedVersion())).addListener(ChannelFutureListener.CLOSE);
    }

    private void startLoginTimer(ChannelHandlerContext ctx) {
        if (loginTimer != null || done) {
            return;
        }
        long timeout = policy.config().sessionConfig().loginTimeout().toNanos();
        loginTimer = ctx.executor().schedule(() -> {
            if (!done) {
                done = true;
                LOG.log(Level.INFO, () -> "cmpp server - no CONNECT from " + ctx.channel().remoteAddress()
                    + " within " + policy.config().sessionConfig().loginTimeout() + ", closing");
                ctx.close();
            }
        }, timeout, TimeUnit.NANOSECONDS);
    }

    private void cancelLoginTimer() {
        if (loginTimer != null) {
            loginTimer.cancel(false);
        }
    }

    private static String hostAddress(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }

    private static String describe(Object msg) {
        return msg instanceof CmppCodecException bad ? bad.getMessage() : msg.getClass().getSimpleName();
    }
}
