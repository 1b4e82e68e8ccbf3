package org.cmppgw.cmpp.session;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.Promise;
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
 *   {@value #LOGIN}       Client/ServerConnectHandler, removes itself after login
 *   {@value #SESSION}     CmppSessionHandler window, inbound dispatch, terminate
 * </pre>
 * A connection starts in its configured version (the client's, or 3.0 on a server until CONNECT says otherwise);
 * after login {@link #switchVersion} moves decoder and encoder to the negotiated one (cmpp-spec.md §5.1).
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
     * Prepares a client channel: on connect it logs in as {@code config} and completes {@code loginPromise} with the
     * session (or fails it with {@link CmppLoginException}). {@link CmppClient} uses this; call it yourself from a
     * {@code ChannelInitializer} to run CMPP on your own bootstrap.
     */
    public static void initClient(Channel channel, CmppClientConfig config, CmppSessionListener listener,
                                  Promise<CmppSession> loginPromise) {
        SequenceIds sequenceIds = new SequenceIds();
        ChannelPipeline pipeline = channel.pipeline();
        addCommon(pipeline, config.version(), config.sessionConfig(), sequenceIds);
        pipeline.addLast(LOGIN, new ClientConnectHandler(config, sequenceIds, listener, loginPromise));
        pipeline.addLast(SESSION, new CmppSessionHandler(config.sessionConfig(), sequenceIds));
    }

    static void initServer(Channel channel, ServerLoginPolicy policy, ConnectionCounter counter,
                           Function<CmppSession, CmppSessionListener> listeners) {
        SequenceIds sequenceIds = new SequenceIds();
        ChannelPipeline pipeline = channel.pipeline();
        CmppSessionConfig session = policy.config().sessionConfig();
        addCommon(pipeline, policy.config().highestVersion(), session, sequenceIds);
        pipeline.addLast(LOGIN, new ServerConnectHandler(policy, counter, listeners));
        pipeline.addLast(SESSION, new CmppSessionHandler(session, sequenceIds));
    }

    /** Moves decoder and encoder to {@code version} (the CONNECT_RESP layout, then the session's). */
    static void switchVersion(ChannelPipeline pipeline, CmppVersion version) {
        ((CmppDecoder) pipeline.get(DECODER)).version(version);
        if (((CmppEncoder) pipeline.get(ENCODER)).version() != version) {
            pipeline.replace(ENCODER, ENCODER, CmppEncoder.of(version));
        }
    }

    /** Login succeeded: heartbeat on, session created and announced to its listener. */
    static CmppSession activate(ChannelPipeline pipeline, CmppVersion version, String account,
                                Function<CmppSession, CmppSessionListener> listeners) {
        ((ActiveTestHandler) pipeline.get(ACTIVE_TEST)).start();
        return ((CmppSessionHandler) pipeline.get(SESSION)).activate(version, account, listeners);
    }

    private static void addCommon(ChannelPipeline pipeline, CmppVersion version, CmppSessionConfig session,
                                  SequenceIds sequenceIds) {
        pipeline.addLast(DECODER, new CmppDecoder(version, session.maxFrameLength()));
        pipeline.addLast(ENCODER, CmppEncoder.of(version));
        // Reader idle only: writer/all idle would make IdleStateHandler allocate a promise per write.
        pipeline.addLast(IDLE, new IdleStateHandler(session.activeTestIdle().toNanos(), 0, 0, TimeUnit.NANOSECONDS));
        pipeline.addLast(ACTIVE_TEST, new ActiveTestHandler(session.activeTestMaxMissed(), sequenceIds));
    }
}
