package org.cmppgw.simulator.load;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import org.cmppgw.cmpp.session.SocketTransport;
import org.cmppgw.simulator.http.HttpServers;
import org.cmppgw.simulator.jsms.CallbackEndpoint;
import org.cmppgw.simulator.jsms.JsmsSignature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Drives a JSMS-shaped HTTP API end to end (docs/design.md §6): sends messages at a target rate over a few keep-alive
 * connections, receives the resulting callbacks on its own receiver, and measures accept latency, accept →
 * delivery-report latency, losses, duplicates and errors. The run (requests, responses, counting) is confined to one
 * event loop thread and the callback receiver has another, so a burst of callbacks never delays the responses whose
 * latency is measured, and the generator costs little next to the system it measures.
 *
 * <p>Single use: {@link #open} binds the callback receiver (so its URL can be registered before the run),
 * {@link #run()} drives the target once and returns the {@link LoadResult}, {@link #close()} releases the loop.
 * A run always ends by itself: after the send phase, the responses and the grace period, or at a hard limit.
 */
public final class LoadGenerator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoadGenerator.class);
    private static final int MAX_CALLBACK_BYTES = 64 * 1024;
    private static final long RESULT_SLACK_SECONDS = 30;

    private final LoadConfig config;
    private final EventLoopGroup group;
    private final EventLoopGroup receiverGroup;
    private final Channel receiver;
    private final RunStats stats;
    private final LongSupplier nanoClock;
    private final PrintStream progress;
    private boolean ran;

    private LoadGenerator(LoadConfig config, EventLoopGroup group, EventLoopGroup receiverGroup, Channel receiver,
                          RunStats stats, LongSupplier nanoClock, PrintStream progress) {
        this.config = config;
        this.group = group;
        this.receiverGroup = receiverGroup;
        this.receiver = receiver;
        this.stats = stats;
        this.nanoClock = nanoClock;
        this.progress = progress;
    }

    /** Binds the callback receiver; progress goes to stderr when {@link LoadConfig#progress()} is on. */
    public static LoadGenerator open(LoadConfig config) {
        return open(config, config.progress() ? System.err : null);
    }

    /** Binds the callback receiver; progress lines go to {@code progress} ({@code null} = none). */
    public static LoadGenerator open(LoadConfig config, PrintStream progress) {
        return open(config, progress, System::nanoTime);
    }

    static LoadGenerator open(LoadConfig config, PrintStream progress, LongSupplier nanoClock) {
        EventLoopGroup group = SocketTransport.newGroup(1, new DefaultThreadFactory("loadgen", true));
        EventLoopGroup receiverGroup = SocketTransport.newGroup(1, new DefaultThreadFactory("loadgen-callbacks", true));
        try {
            RunStats stats = new RunStats();
            CallbackEndpoint handler = new CallbackEndpoint(config.callbackPath(),
                new JsmsSignature(config.appKey(), config.masterSecret()),
                new CallbackRecorder(stats, nanoClock, lazily(group.next()), config.mode()));
            Channel receiver = bindReceiver(config, receiverGroup, handler);
            LoadGenerator generator = new LoadGenerator(config, group, receiverGroup, receiver, stats, nanoClock,
                progress);
            LOG.info("callback receiver on {}", generator.callbackUri());
            return generator;
        } catch (RuntimeException e) {
            receiverGroup.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    /**
     * Hands tasks to {@code loop} without waking it. During a run the loop wakes for its own work (each request it
     * sends, each response, every second, and every millisecond once sending is over) and first runs what was handed
     * to it, so a callback is counted by the next of those, and before the run decides it has all its reports (its
     * latency is taken when it arrives). Waking the loop for every callback cost a system call on each side: about an
     * eighth of the generator's CPU at 5,000 callbacks/s.
     */
    private static Executor lazily(EventLoop loop) {
        return ((SingleThreadEventExecutor) loop)::lazyExecute;
    }

    private static Channel bindReceiver(LoadConfig config, EventLoopGroup group, CallbackEndpoint handler) {
        try {
            return HttpServers.bind(group, config.callbackHost(), config.callbackPort(), MAX_CALLBACK_BYTES,
                () -> handler);
        } catch (IllegalStateException e) {
            if (SocketTransport.addressInUse(e)) {
                // The README's next step after the demo is "simulator.jar callbacks" on this very port.
                throw new IllegalStateException("the callback receiver cannot listen on " + config.callbackHost()
                    + ":" + config.callbackPort() + ": the port is in use, most likely by the callbacks printer "
                    + "(simulator.jar callbacks) or another load run; stop it, or give --callback-port and "
                    + "--send-callback-url with a URL the app has registered", e);
            }
            throw e;
        }
    }

    /** The receiver's URL as bound, e.g. {@code http://127.0.0.1:8090/callback}. */
    public URI callbackUri() {
        return URI.create("http://" + config.callbackHost() + ":" + HttpServers.port(receiver)
            + config.callbackPath());
    }

    /** Runs against {@link LoadConfig#target()}. */
    public LoadResult run() {
        return run(URI.create(config.target()));
    }

    /**
     * Runs against {@code target} (a base URL) and blocks until the run is over.
     *
     * @throws IllegalStateException when called twice or when the run does not end in time
     */
    public synchronized LoadResult run(URI target) {
        if (ran) {
            throw new IllegalStateException("load generator - already ran (a generator is single use)");
        }
        ran = true;
        String callbackUrl = !config.sendCallbackUrl() ? null
            : config.callbackUrl().isEmpty() ? callbackUri().toString() : config.callbackUrl();
        LOG.info("load run: {} -> {}", config, target);
        LoadRun run = new LoadRun(config, target, callbackUrl, group.next(), stats, nanoClock, progress);
        try {
            return run.start().get(LoadRun.hardLimitSeconds(config) + RESULT_SLACK_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("load generator - interrupted while running", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("load generator - run did not complete (" + e + ")", e);
        }
    }

    @Override
    public void close() {
        receiver.close().awaitUninterruptibly();
        receiverGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
