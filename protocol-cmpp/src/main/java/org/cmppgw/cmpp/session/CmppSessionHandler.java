package org.cmppgw.cmpp.session;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.CommandId;
import org.cmppgw.cmpp.codec.CmppCodecException;
import org.cmppgw.cmpp.pdu.CmppActiveTestResp;
import org.cmppgw.cmpp.pdu.CmppCancelResp;
import org.cmppgw.cmpp.pdu.CmppDeliverResp;
import org.cmppgw.cmpp.pdu.CmppRequest;
import org.cmppgw.cmpp.pdu.CmppResponse;
import org.cmppgw.cmpp.pdu.CmppSubmitResp;
import org.cmppgw.cmpp.pdu.CmppTerminate;
import org.cmppgw.cmpp.pdu.MsgId;

import java.lang.System.Logger.Level;
import java.util.function.Function;

/**
 * The last handler of a CMPP pipeline ({@link CmppPipeline}): after login it routes every inbound PDU to the
 * {@link CmppSession} - responses to the window, SUBMIT/DELIVER/QUERY/CANCEL to the app, TERMINATE to the terminate
 * handshake - and turns failures into a closed session (docs/cmpp-protocol.md §12).
 *
 * <p>Malformed frames arrive in-band as {@link CmppCodecException} (see {@code CmppDecoder}). A known request is
 * answered with its "message structure error" response and the channel lives on (SUBMIT_RESP Result 1, DELIVER_RESP
 * Result 1, CANCEL_RESP Success_Id 1; a QUERY is only logged); a malformed response fails the request it answers; an
 * unknown Command_Id is counted and logged at a limited rate (§4 [R]). {@code maxConsecutiveBadFrames} in a row close
 * the connection, and so does broken framing (an exception from the decoder): a session is never left open but deaf.
 */
public final class CmppSessionHandler extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(CmppSessionHandler.class.getName());
    /** Bad frames are logged at a limited rate: the first few, then one in this many. */
    private static final int LOG_FIRST = 10;
    private static final int LOG_EVERY = 1000;

    private final CmppSessionConfig config;
    private final SequenceIds sequenceIds;
    private ChannelHandlerContext ctx;
    private CmppSession session;
    private int consecutiveBadFrames;
    private long unknownCommands;
    private long malformedFrames;

    CmppSessionHandler(CmppSessionConfig config, SequenceIds sequenceIds) {
        this.config = config;
        this.sequenceIds = sequenceIds;
    }

    /** The session, or {@code null} before login. */
    public CmppSession session() {
        return session;
    }

    /** Frames with an unknown Command_Id seen on this connection. */
    public long unknownCommands() {
        return unknownCommands;
    }

    /** Frames whose body could not be decoded. */
    public long malformedFrames() {
        return malformedFrames;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
    }

    /** Called by the login handler once the peer is authenticated and the codec switched to {@code version}. */
    CmppSession activate(CmppVersion version, String account, Function<CmppSession, CmppSessionListener> listeners) {
        if (session != null) {
            throw new IllegalStateException(session.name() + " - already active");
        }
        CmppSession created = new CmppSession(ctx, version, account, config, sequenceIds);
        session = created;
        created.start(listeners.apply(created));
        return created;
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        if (session == null) {
            // Only the login handler may see traffic before login; anything reaching here is dropped.
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof CmppResponse response) {
            consecutiveBadFrames = 0;
            session.onResponse(response);
        } else if (msg instanceof CmppRequest request) {
            consecutiveBadFrames = 0;
            onRequest(request);
        } else if (msg instanceof CmppCodecException malformed) {
            onMalformed(malformed);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext context) {
        if (session != null) {
            session.fireWindowAvailableIfFreed();
        }
        context.fireChannelReadComplete();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        if (session != null) {
            session.closeWith(cause);
        } else {
            LOG.log(Level.DEBUG, () -> context.channel() + " - closed before login: " + cause);
            context.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        if (session != null) {
            session.closed();
        }
        context.fireChannelInactive();
    }

    private void onRequest(CmppRequest request) {
        switch (request.commandId()) {
            case CMPP_SUBMIT, CMPP_DELIVER, CMPP_QUERY, CMPP_CANCEL -> {
                try {
                    session.listener().requestReceived(session, request);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, session.name() + " - requestReceived listener failed", e);
                }
            }
            case CMPP_TERMINATE -> session.onTerminate((CmppTerminate) request);
            // Normally answered by ActiveTestHandler; answer here too so no pipeline variant leaves it hanging.
            case CMPP_ACTIVE_TEST -> session.respond(new CmppActiveTestResp(request.sequenceId()));
            default -> LOG.log(Level.WARNING, () -> session.name() + " - " + request.commandId()
                + " after login, ignored");
        }
    }

    private void onMalformed(CmppCodecException malformed) {
        long count = ++malformedFrames;
        if (++consecutiveBadFrames >= config.maxConsecutiveBadFrames()) {
            session.closeWith(new CmppProtocolException(session.name() + " - " + consecutiveBadFrames
                + " bad frames in a row, closing; last: " + malformed.getMessage(), malformed));
            return;
        }
        if (count <= LOG_FIRST || count % LOG_EVERY == 0) {
            LOG.log(Level.WARNING, () -> session.name() + " - bad frame #" + count + " (answered if it is a known"
                + " request): " + malformed.getMessage());
        }
        if (!malformed.knownCommand()) {
            unknownCommands++;
            return;
        }
        CommandId command = malformed.commandId();
        int sequenceId = malformed.sequenceId();
        if (command.isResponse()) {
            session.onMalformedResponse(sequenceId, malformed);
            return;
        }
        switch (command) {
            case CMPP_SUBMIT -> session.respond(new CmppSubmitResp(sequenceId, MsgId.ZERO,
                CmppSubmitResp.RESULT_STRUCTURE_ERROR));
            case CMPP_DELIVER -> session.respond(new CmppDeliverResp(sequenceId, MsgId.ZERO,
                CmppDeliverResp.RESULT_STRUCTURE_ERROR));
            case CMPP_CANCEL -> session.respond(new CmppCancelResp(sequenceId, 1));
            case CMPP_ACTIVE_TEST -> session.respond(new CmppActiveTestResp(sequenceId));
            default -> {
                // QUERY_RESP has no error code to carry; CONNECT/TERMINATE cannot be malformed after login. Logged.
            }
        }
    }
}
