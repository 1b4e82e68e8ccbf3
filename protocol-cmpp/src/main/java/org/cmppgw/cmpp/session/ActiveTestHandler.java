package org.cmppgw.cmpp.session;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import org.cmppgw.cmpp.pdu.CmppActiveTest;
import org.cmppgw.cmpp.pdu.CmppActiveTestResp;

/**
 * The heartbeat (docs/cmpp-protocol.md §6.4, §12.1 C and N, §12.2): driven by the {@code IdleStateHandler} in front of
 * it, it sends an ACTIVE_TEST after {@code activeTestIdle} without inbound traffic and closes the connection after
 * {@code activeTestMaxMissed} of them went unanswered. Any inbound PDU counts as life. An inbound ACTIVE_TEST is
 * answered at once, outside the window, even when the window is full.
 *
 * <p>Inert until login ({@link #start()}): before CONNECT_RESP nothing but login traffic is allowed (§5.5), so
 * everything passes through to the login handler.
 */
public final class ActiveTestHandler extends ChannelInboundHandlerAdapter {
    private final int maxMissed;
    private final SequenceIds sequenceIds;
    private boolean started;
    private int missed;
    private long sent;

    ActiveTestHandler(int maxMissed, SequenceIds sequenceIds) {
        this.maxMissed = maxMissed;
        this.sequenceIds = sequenceIds;
    }

    /** Login is done: heartbeats from now on. */
    void start() {
        started = true;
    }

    /** ACTIVE_TESTs this side has sent; for metrics and tests. */
    public long sent() {
        return sent;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!started) {
            ctx.fireChannelRead(msg);
            return;
        }
        missed = 0;
        if (msg instanceof CmppActiveTest activeTest) {
            ctx.writeAndFlush(new CmppActiveTestResp(activeTest.sequenceId()), ctx.voidPromise());
        } else if (!(msg instanceof CmppActiveTestResp)) {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof IdleStateEvent idle) || idle.state() != IdleState.READER_IDLE) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        if (!started) {
            return;
        }
        if (missed >= maxMissed) {
            // Per spec §12.1 N: after N unanswered ACTIVE_TESTs the connection is dead. The session closes on this.
            ctx.fireExceptionCaught(new CmppSessionClosedException(ctx.channel().remoteAddress() + " - " + missed
                + " ACTIVE_TEST unanswered, dead peer"));
            return;
        }
        missed++;
        sent++;
        ctx.writeAndFlush(new CmppActiveTest(sequenceIds.next()), ctx.voidPromise());
    }
}
