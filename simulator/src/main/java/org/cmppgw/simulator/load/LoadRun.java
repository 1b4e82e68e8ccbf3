package org.cmppgw.simulator.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.util.concurrent.ScheduledFuture;
import org.cmppgw.cmpp.session.SocketTransport;

import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One run of the load generator, confined to one event loop: connect, send on a schedule (or flat out), drain the
 * responses, wait for the outstanding delivery reports, report. Pacing is a token schedule, not a sleep: message
 * {@code n} is due {@code n / rate} seconds after the start, and a 1 ms tick sends whatever is due and fits in the
 * connections' windows. A hard deadline ends the run whatever happens.
 */
final class LoadRun implements ApiConnection.Listener {
    /** The shortest wait between ticks, and the tick while draining and in the grace period. */
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long RECONNECT_MILLIS = 200;
    private static final int CONNECT_TIMEOUT_MILLIS = 5000;
    private static final int MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
    private static final long HARD_LIMIT_MARGIN_SECONDS = 15;
    private static final double NANOS_PER_SECOND = 1e9;

    /** Where the run is. */
    enum Phase { CONNECTING, SENDING, DRAINING, GRACE, DONE }

    private final LoadConfig config;
    private final URI target;
    private final EventLoop loop;
    private final RunStats stats;
    private final LongSupplier nanoClock;
    private final PrintStream progressOut;
    private final RequestEncoder encoder;
    private final List<ApiConnection> connections = new ArrayList<>();
    private final CompletableFuture<LoadResult> result = new CompletableFuture<>();
    private final long limit;
    private final double messagesPerNano;
    /** How long the send phase lasts at most. */
    private final long sendNanos;
    private final Bootstrap bootstrap;

    private Phase phase = Phase.CONNECTING;
    private int pendingConnects;
    private int next;
    private long startNanos;
    private long graceDeadline;
    private ProgressLine progress;
    private ScheduledFuture<?> ticker;
    private ScheduledFuture<?> secondTicker;
    private ScheduledFuture<?> hardStop;

    LoadRun(LoadConfig config, URI target, String callbackUrl, EventLoop loop, RunStats stats,
            LongSupplier nanoClock, PrintStream progressOut) {
        this.config = config;
        this.target = target;
        this.loop = loop;
        this.stats = stats;
        this.nanoClock = nanoClock;
        this.progressOut = progressOut;
        this.encoder = new RequestEncoder(config, target, callbackUrl);
        this.limit = config.messageLimit();
        this.messagesPerNano = config.rate() / NANOS_PER_SECOND;
        this.sendNanos = TimeUnit.SECONDS.toNanos(config.durationSeconds());
        this.bootstrap = new Bootstrap().group(loop).channel(SocketTransport.socketChannel(loop))
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS);
    }

    /** The longest a run may take, from {@link #start()} to its result. */
    static long hardLimitSeconds(LoadConfig config) {
        return config.durationSeconds() + config.requestTimeoutSeconds() + config.graceSeconds()
            + CONNECT_TIMEOUT_MILLIS / 1000 + HARD_LIMIT_MARGIN_SECONDS;
    }

    CompletableFuture<LoadResult> start() {
        loop.execute(() -> {
            hardStop = loop.schedule(() -> finish(true), hardLimitSeconds(config), TimeUnit.SECONDS);
            pendingConnects = config.connections();
            for (int i = 0; i < config.connections(); i++) {
                ApiConnection connection = new ApiConnection(this, config.pipeline());
                connections.add(connection);
                connect(connection);
            }
        });
        return result;
    }

    private void connect(ApiConnection connection) {
        int port = target.getPort() < 0 ? 80 : target.getPort();
        ChannelFuture connected = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_RESPONSE_BYTES),
                    connection);
            }
        }).connect(target.getHost(), port);
        connected.addListener(f -> {
            if (!f.isSuccess()) {
                stats.error("connect_failed", 1);
                if (phase == Phase.CONNECTING || phase == Phase.SENDING) {
                    loop.schedule(() -> reconnect(connection), RECONNECT_MILLIS, TimeUnit.MILLISECONDS);
                }
            }
            if (phase == Phase.CONNECTING && --pendingConnects == 0) {
                beginSending();
            }
        });
    }

    private void reconnect(ApiConnection connection) {
        if (phase == Phase.SENDING) {
            connect(connection);
        }
    }

    private void beginSending() {
        if (connections.stream().noneMatch(ApiConnection::ready)) {
            finish(false);
            return;
        }
        phase = Phase.SENDING;
        startNanos = nanoClock.getAsLong();
        progress = progressOut == null ? null : new ProgressLine(progressOut, startNanos);
        ticker = loop.schedule(this::tick, 0, TimeUnit.NANOSECONDS);
        secondTicker = loop.scheduleAtFixedRate(this::everySecond, 1, 1, TimeUnit.SECONDS);
    }

    private void tick() {
        switch (phase) {
            case SENDING -> pump();
            case DRAINING -> checkDrained();
            case GRACE -> checkGrace();
            default -> {
                // CONNECTING never ticks; DONE has cancelled the ticker.
            }
        }
        if (phase != Phase.DONE) {
            ticker = loop.schedule(this::tick, nextTickNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /**
     * While sending at a rate: when the next request is due or sending ends, so that a run in batches does not wake
     * the loop a thousand times a second for nothing (a 5,000 msg/s run in batches of 100 sends every 20 ms; those
     * wake-ups were a tenth of the generator's CPU). A response that frees a connection pumps at once, so a request
     * that waited for one does not wait for a tick. Otherwise, and never sooner than that, {@link #TICK_NANOS}.
     */
    private long nextTickNanos() {
        if (phase != Phase.SENDING || messagesPerNano <= 0) {
            return TICK_NANOS;
        }
        long elapsed = nanoClock.getAsLong() - startNanos;
        long due = (long) Math.ceil(stats.sentMessages / messagesPerNano) - elapsed;
        long end = sendNanos - elapsed;
        return Math.max(TICK_NANOS, Math.min(due, end));
    }

    /** Sends every request that is due and fits. */
    private void pump() {
        long now = nanoClock.getAsLong();
        long elapsed = now - startNanos;
        if (elapsed >= sendNanos) {
            endSending();
            return;
        }
        int perRequest = config.recipientsPerRequest();
        while (stats.sentMessages < limit) {
            if (messagesPerNano > 0 && stats.sentMessages > elapsed * messagesPerNano) {
                return;
            }
            ApiConnection connection = nextReady();
            if (connection == null) {
                return;
            }
            int count = (int) Math.min(perRequest, limit - stats.sentMessages);
            long firstMobile = config.mobileStart() + stats.sentMessages;
            connection.send(encoder.encode(connection.alloc(), firstMobile, count),
                new ApiConnection.Flight(now, count));
            stats.sentRequests++;
            stats.sentMessages += count;
        }
        endSending();
    }

    private ApiConnection nextReady() {
        int size = connections.size();
        for (int i = 0; i < size; i++) {
            ApiConnection connection = connections.get((next + i) % size);
            if (connection.ready()) {
                next = (next + i + 1) % size;
                return connection;
            }
        }
        return null;
    }

    private void endSending() {
        phase = Phase.DRAINING;
        checkDrained();
    }

    private void checkDrained() {
        if (inFlight() == 0) {
            phase = Phase.GRACE;
            graceDeadline = nanoClock.getAsLong() + TimeUnit.SECONDS.toNanos(config.graceSeconds());
            checkGrace();
        }
    }

    private void checkGrace() {
        if (stats.tracker.lost() == 0 || nanoClock.getAsLong() - graceDeadline >= 0) {
            finish(false);
        }
    }

    private void everySecond() {
        long now = nanoClock.getAsLong();
        long timeout = TimeUnit.SECONDS.toNanos(config.requestTimeoutSeconds());
        for (ApiConnection connection : connections) {
            if (now - connection.oldestSentNanos() > timeout) {
                connection.abort("timeout");
            }
        }
        if (progress != null && phase != Phase.DONE) {
            progress.print(now, now - startNanos, phase.name().toLowerCase(Locale.ROOT), stats,
                inFlight());
        }
    }

    private int inFlight() {
        int sum = 0;
        for (ApiConnection connection : connections) {
            sum += connection.inFlight();
        }
        return sum;
    }

    @Override
    public void onResponse(ApiConnection connection, ApiConnection.Flight flight, FullHttpResponse response) {
        long now = nanoClock.getAsLong();
        stats.lastResponseNanos = now;
        ApiResponses.handle(response, flight, now, stats, config.mode());
        if (phase == Phase.SENDING) {
            pump();
        } else if (phase == Phase.DRAINING) {
            checkDrained();
        }
    }

    @Override
    public void onClosed(ApiConnection connection, List<ApiConnection.Flight> lost, String reason) {
        if (phase == Phase.DONE) {
            return;
        }
        for (ApiConnection.Flight flight : lost) {
            stats.error(reason, 1);
            stats.failedMessages += flight.messages();
        }
        if (phase == Phase.SENDING) {
            loop.schedule(() -> reconnect(connection), RECONNECT_MILLIS, TimeUnit.MILLISECONDS);
        } else if (phase == Phase.DRAINING) {
            checkDrained();
        }
    }

    private void finish(boolean hardLimitHit) {
        if (phase == Phase.DONE) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (startNanos == 0) {
            startNanos = now;
        }
        phase = Phase.DONE;
        cancel(ticker);
        cancel(secondTicker);
        cancel(hardStop);
        for (ApiConnection connection : connections) {
            for (ApiConnection.Flight flight : connection.drain()) {
                stats.error("unanswered_at_end", 1);
                stats.failedMessages += flight.messages();
            }
            connection.abort("run_over");
        }
        result.complete(LoadResult.of(config, target, stats, startNanos, now, hardLimitHit));
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }
}
