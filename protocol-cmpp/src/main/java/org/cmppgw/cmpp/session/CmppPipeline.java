package org.cmppgw.cmpp.session;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.codec.CmppDecoder;
import org.cmppgw.cmpp.codec.CmppEncoder;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The one place that builds a CMPP channel pipeline, in this order (names are the constants below):
 * <pre>
 *   {@value #DECODER}     CmppDecoder        frames, PDUs; bad bodies in-band as CmppCodecException
 *   {@value #ENCODER}     CmppEncoder        @Sharable, per version
 *   {@value #IDLE}        IdleStateHandler   reader idle after activeTestIdle
 *   {@value #ACTIVE_TEST} ActiveTestHandler  heartbeat, answers ACTIVE_TEST
 *   {@value #LOGIN}       the side's login handler (client or server package), removes itself after login
 *   {@value #SESSION}     CmppSessionHandler window, inbound dispatch, terminate
 * </pre>
 * A connection starts in its configured version (the client's, or 3.0 on a server until CONNECT says otherwise);
 * after login {@link #switchVersion} moves decoder and encoder to the negotiated one (docs/cmpp-protocol.md §5.1).
 */
public final class CmppPipeline {
    public static final String DECODER = "cmpp-decoder";
    public static final String ENCODER = "cmpp-encoder";
    public static final String IDLE = "cmpp-idle";
    public static final String ACTIVE_TEST = "cmpp-active-test";
    public static final String LOGIN = "cmpp-login";
    public static final String SESSION = "cmpp-session";

    private CmppPipeline() {
    }

    /**
     * Installs the whole pipeline on a new channel: codec in {@code startVersion}, heartbeat (inert until login),
     * {@code login} under {@value #LOGIN} and the session handler. {@code sequenceIds} numbers every request of the
     * connection, the login handler's CONNECT included, so create it with the login handler and pass both here.
     * Called by the client's and the server's channel initializers.
     */
    public static void init(ChannelPipeline pipeline, CmppVersion startVersion, CmppSessionConfig config,
                            SequenceIds sequenceIds, ChannelHandler login) {
        pipeline.addLast(DECODER, new CmppDecoder(startVersion, config.maxFrameLength()));
        pipeline.addLast(ENCODER, CmppEncoder.of(startVersion));
        // Reader idle only: writer/all idle would make IdleStateHandler allocate a promise per write.
        pipeline.addLast(IDLE, new IdleStateHandler(config.activeTestIdle().toNanos(), 0, 0, TimeUnit.NANOSECONDS));
        pipeline.addLast(ACTIVE_TEST, new ActiveTestHandler(config.activeTestMaxMissed(), sequenceIds));
        pipeline.addLast(LOGIN, login);
        pipeline.addLast(SESSION, new CmppSessionHandler(config, sequenceIds));
    }

    /** Moves decoder and encoder to {@code version} (the CONNECT_RESP layout, then the session's). */
    public static void switchVersion(ChannelPipeline pipeline, CmppVersion version) {
        ((CmppDecoder) pipeline.get(DECODER)).version(version);
        if (((CmppEncoder) pipeline.get(ENCODER)).version() != version) {
            pipeline.replace(ENCODER, ENCODER, CmppEncoder.of(version));
        }
    }

    /** Login succeeded: heartbeat on, session created and announced to its listener. */
    public static CmppSession activate(ChannelPipeline pipeline, CmppVersion version, String account,
                                       Function<CmppSession, CmppSessionListener> listeners) {
        ((ActiveTestHandler) pipeline.get(ACTIVE_TEST)).start();
        return ((CmppSessionHandler) pipeline.get(SESSION)).activate(version, account, listeners);
    }
}
