package org.cmppgw.cmpp.session;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.PromiseNotifier;
import io.netty.util.concurrent.ScheduledFuture;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.CommandId;
import org.cmppgw.cmpp.codec.CmppEncoder;
import org.cmppgw.cmpp.pdu.CmppRequest;
import org.cmppgw.cmpp.pdu.CmppResponse;
import org.cmppgw.cmpp.pdu.CmppTerminate;
import org.cmppgw.cmpp.pdu.CmppTerminateResp;

import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * One logged-in CMPP connection, as the application sees it: send requests through the sliding window, answer the
 * peer's requests, terminate (docs/cmpp-protocol.md §12). Created by the login handler; one per channel.
 *
 * <p><b>Threading:</b> every method except {@link #terminate()} must be called on {@link #channel()}'s event loop
 * (listener callbacks already are); a call from another thread throws {@link IllegalStateException}. Nothing blocks.
 *
 * <p><b>Flush batching:</b> {@link #trySend} and {@link #respond} encode into one pending buffer and schedule a
 * single flush per event-loop turn, so a window's worth of PDUs costs one write syscall.
 *
 * <p><b>Timeouts:</b> one periodic sweep per session ({@link CmppSessionConfig#sweepPeriod()}) resends a request
 * unanswered after {@code responseTimeout} - the same PDU with the same Sequence_Id (§12.3) - and fails it with
 * {@link CmppResponseTimeoutException} after {@code maxSends} sends. The sweep also keeps the session's clock, so
 * deadlines cost no clock read per request.
 */
public final class CmppSession {
    private static final System.Logger LOG = System.getLogger(CmppSession.class.getName());

    private final ChannelHandlerContext ctx;
    private final EventLoop eventLoop;
    private final CmppVersion version;
    private final String account;
    private final String name;
    private final CmppSessionConfig config;
    private final SequenceIds sequenceIds;
    private final PendingWrites writes;
    private final InFlightRequests inFlight;

    private CmppSessionListener listener;
    private SessionState state = SessionState.ACTIVE;
    /** Set when the app found the window full; cleared when {@link CmppSessionListener#windowAvailable} fires. */
    private boolean windowBlocked;
    private ScheduledFuture<?> sweepFuture;
    private ScheduledFuture<?> terminateTimer;
    private Promise<Void> terminatePromise;
    private boolean graceful;
    private Throwable closeCause;
    private long lateResponses;

    CmppSession(ChannelHandlerContext ctx, CmppVersion version, String account, CmppSessionConfig config,
                SequenceIds sequenceIds) {
        this.ctx = ctx;
        this.eventLoop = ctx.channel().eventLoop();
        this.version = version;
        this.account = account;
        this.name = "cmpp session " + account + "@" + ctx.channel().remoteAddress() + " (" + version.label() + ")";
        this.config = config;
        this.sequenceIds = sequenceIds;
        this.writes = new PendingWrites(ctx, CmppEncoder.of(version));
        this.inFlight = new InFlightRequests(name, config, writes::write);
    }

    void start(CmppSessionListener sessionListener) {
        this.listener = Objects.requireNonNull(sessionListener, "listener");
        long period = inFlight.sweepPeriodNanos();
        sweepFuture = eventLoop.scheduleAtFixedRate(this::sweep, period, period, TimeUnit.NANOSECONDS);
        try {
            listener.sessionActive(this);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, name + " - sessionActive listener failed", e);
        }
    }

    /** The negotiated wire version. */
    public CmppVersion version() {
        return version;
    }

    /** The login's Source_Addr (SP_Id). */
    public String account() {
        return account;
    }

    public Channel channel() {
        return ctx.channel();
    }

    /** True while the session accepts new requests: logged in, not terminating, not closed. */
    public boolean isActive() {
        return state == SessionState.ACTIVE;
    }

    /** Free window slots: how many {@link #trySend} calls would succeed now; 0 unless active. */
    public int windowAvailable() {
        return state == SessionState.ACTIVE ? inFlight.available() : 0;
    }

    /** Requests waiting for a response. */
    public int inFlight() {
        return inFlight.size();
    }

    /** Responses that matched no request in flight (late after a timeout, or duplicates); for metrics. */
    public long lateResponses() {
        return lateResponses;
    }

    /** Resends after a response timeout; for metrics. */
    public long resends() {
        return inFlight.resends();
    }

    /** Batched writes handed to the socket (one per event-loop turn with output); for metrics and benchmarks. */
    public long flushes() {
        return writes.flushes();
    }

    /**
     * Sends a request unless the window is full: allocates the Sequence_Id, has {@code requestForSequenceId} build
     * the request with it, puts it in the window and writes it (flushed once per event-loop turn).
     *
     * @param requestForSequenceId builds the request with the given Sequence_Id; a SUBMIT, DELIVER, QUERY or CANCEL
     * @param listener             told the outcome exactly once
     * @return {@code false}, building nothing, when the window is full or the session is not active (back-pressure:
     *     {@link CmppSessionListener#windowAvailable} says when to try again)
     * @throws IllegalArgumentException when the request does not carry the given Sequence_Id, is a session command
     *                                  (CONNECT, TERMINATE, ACTIVE_TEST), or cannot be written in this version
     */
    public boolean trySend(IntFunction<? extends CmppRequest> requestForSequenceId, CmppResponseListener listener) {
        checkEventLoop();
        if (state != SessionState.ACTIVE) {
            return false;
        }
        if (inFlight.available() == 0) {
            windowBlocked = true;
            return false;
        }
        Objects.requireNonNull(listener, "listener");
        int sequenceId = nextSequenceId();
        CmppRequest request = requestForSequenceId.apply(sequenceId);
        checkRequest(request, sequenceId);
        writes.write(request);
        inFlight.add(request, listener);
        if (inFlight.available() == 0) {
            windowBlocked = true;
        }
        return true;
    }

    /**
     * {@link #trySend} with a future: convenient for tests and rare requests (QUERY, CANCEL); allocates per call.
     * The future fails at once with {@link CmppWindowFullException} when the window is full, or
     * {@link CmppSessionClosedException} when the session is not active.
     */
    public Future<CmppResponse> send(IntFunction<? extends CmppRequest> requestForSequenceId) {
        checkEventLoop();
        Promise<CmppResponse> promise = eventLoop.newPromise();
        CmppResponseListener toPromise = new CmppResponseListener() {
            @Override
            public void onResponse(CmppRequest request, CmppResponse response) {
                promise.trySuccess(response);
            }

            @Override
            public void onFailure(CmppRequest request, Throwable cause) {
                promise.tryFailure(cause);
            }
        };
        if (!trySend(requestForSequenceId, toPromise)) {
            promise.tryFailure(state == SessionState.ACTIVE
                ? new CmppWindowFullException(name + " - window full (inflight=" + inFlight.size() + ", max="
                    + inFlight.capacity() + ")")
                : new CmppSessionClosedException(name + " - not active (" + state + ")"));
        }
        return promise;
    }

    /**
     * Answers a request the peer sent ({@link CmppSessionListener#requestReceived}); flushed once per event-loop turn.
     * Dropped silently once the connection is closing: the peer will resend what it still cares about.
     *
     * @throws IllegalArgumentException when the response cannot be written in this version
     */
    public void respond(CmppResponse response) {
        checkEventLoop();
        if (state == SessionState.CLOSING || state == SessionState.CLOSED) {
            return;
        }
        writes.write(response);
    }

    /**
     * Ends the session gracefully (§12.4): stops taking sends, waits up to {@code terminateTimeout} for the requests
     * in flight, sends TERMINATE, and closes on TERMINATE_RESP or after another {@code terminateTimeout}. Requests
     * still in flight then fail with {@link CmppSessionClosedException}. Safe to call from any thread and more than
     * once.
     *
     * @return completes when the channel is closed
     */
    public Future<Void> terminate() {
        if (!eventLoop.inEventLoop()) {
            Promise<Void> promise = eventLoop.newPromise();
            eventLoop.execute(() -> PromiseNotifier.cascade(terminate(), promise));
            return promise;
        }
        if (terminatePromise == null) {
            terminatePromise = eventLoop.newPromise();
        }
        if (state == SessionState.ACTIVE) {
            state = SessionState.DRAINING;
            LOG.log(Level.INFO, () -> name + " - terminating (inflight=" + inFlight.size() + ")");
            if (inFlight.isEmpty()) {
                sendTerminate();
            } else {
                terminateTimer = eventLoop.schedule(this::drainTimedOut, config.terminateTimeout().toNanos(),
                    TimeUnit.NANOSECONDS);
            }
        } else if (state == SessionState.CLOSED) {
            terminatePromise.trySuccess(null);
        }
        return terminatePromise;
    }

    @Override
    public String toString() {
        return name + " [" + state + ", inflight=" + inFlight.size() + "/" + inFlight.capacity() + "]";
    }

    CmppSessionListener listener() {
        return listener;
    }

    String name() {
        return name;
    }

    /** A response from the peer (not ACTIVE_TEST_RESP, which the heartbeat consumes). */
    void onResponse(CmppResponse response) {
        if (response instanceof CmppTerminateResp) {
            if (state == SessionState.TERMINATE_SENT) {
                graceful = true;
                ctx.close();
            }
            return;
        }
        if (!inFlight.complete(response)) {
            lateResponses++;
            if (LOG.isLoggable(Level.DEBUG)) {
                LOG.log(Level.DEBUG, name + " - no request waits for " + response.commandId() + " seq="
                    + Integer.toUnsignedString(response.sequenceId()) + " (late or duplicate)");
            }
            try {
                listener.responseUnmatched(this, response);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, name + " - responseUnmatched listener failed", e);
            }
            return;
        }
        if (state == SessionState.DRAINING && inFlight.isEmpty()) {
            sendTerminate();
        }
    }

    /** The peer's response to one of our requests could not be decoded: that request fails. */
    void onMalformedResponse(int sequenceId, RuntimeException cause) {
        if (!inFlight.fail(sequenceId, cause)) {
            lateResponses++;
        }
    }

    /** The peer sent TERMINATE: answer, stop, close (§12.4). */
    void onTerminate(CmppTerminate terminate) {
        if (state == SessionState.CLOSING || state == SessionState.CLOSED) {
            return;
        }
        state = SessionState.CLOSING;
        graceful = true;
        cancelTerminateTimer();
        LOG.log(Level.INFO, () -> name + " - TERMINATE from the peer (inflight=" + inFlight.size() + ")");
        writes.write(new CmppTerminateResp(terminate.sequenceId()));
        writes.flushAndClose();
    }

    /** End of a read batch or a sweep: tell a blocked app that slots are free, once. */
    void fireWindowAvailableIfFreed() {
        if (windowBlocked && state == SessionState.ACTIVE && inFlight.available() > 0) {
            windowBlocked = false;
            try {
                listener.windowAvailable(this);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, name + " - windowAvailable listener failed", e);
            }
        }
    }

    /** Closes the channel because of {@code cause}; the first cause wins, and a graceful end stays graceful. */
    void closeWith(Throwable cause) {
        if (state == SessionState.CLOSED) {
            return;
        }
        if (closeCause == null && !graceful) {
            closeCause = cause;
        }
        state = SessionState.CLOSING;
        writes.discard();
        ctx.close();
    }

    /** The channel is closed: fail everything in flight, then tell the app. Runs once. */
    void closed() {
        if (state == SessionState.CLOSED) {
            return;
        }
        state = SessionState.CLOSED;
        if (sweepFuture != null) {
            sweepFuture.cancel(false);
        }
        cancelTerminateTimer();
        writes.discard();
        Throwable cause = graceful ? null
            : closeCause != null ? closeCause : new CmppSessionClosedException(name + " - connection closed");
        LOG.log(Level.INFO, () -> name + " - closed (" + (cause == null ? "terminated" : cause.toString())
            + ", inflight=" + inFlight.size() + ")");
        inFlight.failAll(request -> new CmppSessionClosedException(name + " - closed with " + request.commandId()
            + " seq=" + Integer.toUnsignedString(request.sequenceId()) + " in flight", cause));
        try {
            if (listener != null) {
                listener.sessionClosed(this, cause);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, name + " - sessionClosed listener failed", e);
        }
        if (terminatePromise != null) {
            terminatePromise.trySuccess(null);
        }
    }

    private void checkEventLoop() {
        if (!eventLoop.inEventLoop()) {
            throw new IllegalStateException(name + " - called outside its event loop (thread="
                + Thread.currentThread().getName() + ")");
        }
    }

    private static void checkRequest(CmppRequest request, int sequenceId) {
        if (request.sequenceId() != sequenceId) {
            throw new IllegalArgumentException("request.sequenceId: " + Integer.toUnsignedString(request.sequenceId())
                + " (expected: " + Integer.toUnsignedString(sequenceId) + ", the id handed to the factory)");
        }
        CommandId command = request.commandId();
        if (command == CommandId.CMPP_CONNECT || command == CommandId.CMPP_TERMINATE
            || command == CommandId.CMPP_ACTIVE_TEST) {
            throw new IllegalArgumentException("request: " + command
                + " (expected: SUBMIT, DELIVER, QUERY or CANCEL; the session sends the others itself)");
        }
    }

    /** The next Sequence_Id that no request in flight holds (after a wrap, §3 [R]). */
    private int nextSequenceId() {
        int id = sequenceIds.next();
        if (sequenceIds.hasWrapped()) {
            while (inFlight.contains(id)) {
                id = sequenceIds.next();
            }
        }
        return id;
    }

    private void sweep() {
        if (state != SessionState.ACTIVE && state != SessionState.DRAINING) {
            return;
        }
        int failed = inFlight.sweep();
        if (state == SessionState.DRAINING && inFlight.isEmpty()) {
            sendTerminate();
        } else if (failed > 0) {
            fireWindowAvailableIfFreed();
        }
    }

    private void drainTimedOut() {
        if (state == SessionState.DRAINING) {
            LOG.log(Level.INFO, () -> name + " - " + inFlight.size() + " requests still in flight after "
                + config.terminateTimeout() + ", terminating anyway");
            sendTerminate();
        }
    }

    private void sendTerminate() {
        cancelTerminateTimer();
        state = SessionState.TERMINATE_SENT;
        writes.write(new CmppTerminate(nextSequenceId()));
        writes.flush();
        terminateTimer = eventLoop.schedule(() -> {
            LOG.log(Level.INFO, () -> name + " - no TERMINATE_RESP within " + config.terminateTimeout()
                + ", closing");
            graceful = true;
            ctx.close();
        }, config.terminateTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    private void cancelTerminateTimer() {
        if (terminateTimer != null) {
            terminateTimer.cancel(false);
            terminateTimer = null;
        }
    }
}
