package org.cmppgw.simulator.fakejsms;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.cmppgw.cmpp.session.SocketTransport;
import org.cmppgw.simulator.http.HttpServers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A stand-in for the gateway's JSMS-shaped API, so the load generator can be tested (and its own ceiling measured)
 * without a gateway: {@code /v1/messages}, {@code /v1/messages/batch} and {@code /v1/codes} with Basic auth for one
 * app and the JSMS validation codes, then one signed SMS_REPORT callback per accepted message after a delay, retried
 * until answered with 200. Fault knobs drop, duplicate or mis-sign an exact share of the reports. One event loop
 * thread.
 *
 * <p>Embeddable: {@code try (FakeJsmsServer fake = FakeJsmsServer.start(config)) { ... fake.uri() ... }}; from the
 * command line, {@code simulator load --fake-target} runs the generator against one.
 */
public final class FakeJsmsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FakeJsmsServer.class);
    private static final int MAX_REQUEST_BYTES = 1024 * 1024;
    /** Ids start at a 13-digit decimal so they look like real ones and never collide with small test numbers. */
    private static final long FIRST_MSG_ID = 1_000_000_000_001L;

    private final FakeJsmsConfig config;
    private final EventLoopGroup group;
    private final Channel channel;
    private final CallbackSender callbacks;
    private final FakeJsmsStats stats;

    private FakeJsmsServer(FakeJsmsConfig config, EventLoopGroup group, Channel channel, CallbackSender callbacks,
                           FakeJsmsStats stats) {
        this.config = config;
        this.group = group;
        this.channel = channel;
        this.callbacks = callbacks;
        this.stats = stats;
    }

    /**
     * Binds and starts serving.
     *
     * @throws IllegalStateException when the address cannot be bound
     */
    public static FakeJsmsServer start(FakeJsmsConfig config) {
        return start(config, Clock.systemUTC(), System::nanoTime);
    }

    static FakeJsmsServer start(FakeJsmsConfig config, Clock clock, LongSupplier nanoClock) {
        EventLoopGroup group = SocketTransport.newGroup(1, new DefaultThreadFactory("fake-jsms", true));
        try {
            EventLoop loop = group.next();
            FakeJsmsStats stats = new FakeJsmsStats();
            CallbackSender callbacks = new CallbackSender(loop, config, stats, clock, nanoClock);
            FakeApiHandler handler = new FakeApiHandler(config, callbacks, stats, FIRST_MSG_ID);
            Channel channel = HttpServers.bind(group, config.host(), config.port(), MAX_REQUEST_BYTES, () -> handler);
            loop.execute(callbacks::start);
            FakeJsmsServer server = new FakeJsmsServer(config, group, channel, callbacks, stats);
            LOG.info("fake JSMS endpoint on {} ({})", server.uri(), config);
            return server;
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
    public URI uri() {
        return URI.create("http://" + config.host() + ":" + port());
    }

    public int port() {
        return HttpServers.port(channel);
    }

    public FakeJsmsStats stats() {
        return stats;
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        group.next().submit(callbacks::stop).awaitUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
