package org.cmppgw.cmpp.session;

import org.cmppgw.cmpp.pdu.CmppRequest;
import org.cmppgw.cmpp.pdu.CmppResponse;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The requests one session has in flight (docs/cmpp-protocol.md §12.1, §12.3): a {@link Window} of recycled
 * {@link InFlight} holders, the session clock, and the sweep that resends an unanswered request unchanged (same
 * Sequence_Id, same bytes) every {@code responseTimeout} until {@code maxSends}, then fails it. Guarantees one listener
 * callback per request and isolates the session from listeners that throw. Event-loop confined; allocates nothing per
 * request.
 */
final class InFlightRequests {
    private static final System.Logger LOG = System.getLogger(InFlightRequests.class.getName());

    private final String name;
    private final int maxSends;
    private final long responseTimeoutNanos;
    private final long sweepPeriodNanos;
    private final Consumer<CmppRequest> resender;
    private final Window<InFlight> window;
    private final InFlight[] pool;
    private final Window.ExpiredVisitor<InFlight> expiryVisitor = this::expired;
    private final List<InFlight> timedOut = new ArrayList<>();
    private int pooled;
    /** Advanced by {@link #sweep()} only, so it lags real time by at most one sweep period. */
    private long clockNanos;
    private long resends;

    InFlightRequests(String name, CmppSessionConfig config, Consumer<CmppRequest> resender) {
        this.name = name;
        this.maxSends = config.maxSends();
        this.responseTimeoutNanos = config.responseTimeout().toNanos();
        this.sweepPeriodNanos = config.sweepPeriod().toNanos();
        this.resender = resender;
        this.window = new Window<>(config.windowSize(), () -> clockNanos);
        this.pool = new InFlight[config.windowSize()];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = new InFlight();
        }
        this.pooled = pool.length;
    }

    int available() {
        return pooled;
    }

    int size() {
        return window.size();
    }

    int capacity() {
        return window.capacity();
    }

    boolean isEmpty() {
        return window.isEmpty();
    }

    boolean contains(int sequenceId) {
        return window.contains(sequenceId);
    }

    long resends() {
        return resends;
    }

    long sweepPeriodNanos() {
        return sweepPeriodNanos;
    }

    /** Takes a slot; the caller checked {@link #available()} and that the id is free. */
    void add(CmppRequest request, CmppResponseListener listener) {
        InFlight entry = pool[--pooled];
        entry.request = request;
        entry.listener = listener;
        entry.sends = 1;
        // One sweep period of slack: the session clock lags real time by up to one period.
        window.tryAcquire(request.sequenceId(), entry, clockNanos + responseTimeoutNanos + sweepPeriodNanos);
    }

    /**
     * Hands {@code response} to the listener of the request under its Sequence_Id, or fails that request with a
     * {@link CmppProtocolException} when the command does not pair with it.
     *
     * @return {@code false} when no request waits under that id (late or duplicate)
     */
    boolean complete(CmppResponse response) {
        InFlight entry = window.complete(response.sequenceId());
        if (entry == null) {
            return false;
        }
        CmppRequest request = entry.request;
        CmppResponseListener listener = entry.listener;
        recycle(entry);
        if (request.commandId().response() == response.commandId()) {
            try {
                listener.onResponse(request, response);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, name + " - response listener failed", e);
            }
        } else {
            notifyFailure(listener, request, new CmppProtocolException(name + " - " + response.commandId()
                + " answers " + request.commandId() + " seq=" + Integer.toUnsignedString(response.sequenceId())));
        }
        return true;
    }

    /** Fails the request under {@code sequenceId}; {@code false} when there is none. */
    boolean fail(int sequenceId, Throwable cause) {
        InFlight entry = window.complete(sequenceId);
        if (entry == null) {
            return false;
        }
        CmppRequest request = entry.request;
        CmppResponseListener listener = entry.listener;
        recycle(entry);
        notifyFailure(listener, request, cause);
        return true;
    }

    /** Empties the window, failing each request with the cause made for it. */
    void failAll(Function<CmppRequest, Throwable> causes) {
        window.failAll(entry -> {
            CmppRequest request = entry.request;
            CmppResponseListener listener = entry.listener;
            recycle(entry);
            notifyFailure(listener, request, causes.apply(request));
        });
    }

    /**
     * One tick of the session clock: resends what expired and still has sends left, fails the rest with
     * {@link CmppResponseTimeoutException}.
     *
     * @return how many requests failed (slots freed)
     */
    int sweep() {
        clockNanos += sweepPeriodNanos;
        window.sweep(clockNanos, expiryVisitor);
        int failed = timedOut.size();
        for (int i = 0; i < failed; i++) {
            InFlight entry = timedOut.get(i);
            CmppRequest request = entry.request;
            CmppResponseListener listener = entry.listener;
            int sends = entry.sends;
            recycle(entry);
            notifyFailure(listener, request, new CmppResponseTimeoutException(name + " - no response to "
                + request.commandId() + " seq=" + Integer.toUnsignedString(request.sequenceId()) + " after "
                + sends + " sends", sends));
        }
        timedOut.clear();
        return failed;
    }

    /** Sweep verdict for one expired request: resend it unchanged, or give up after maxSends. */
    private long expired(int sequenceId, InFlight entry, long nowNanos) {
        if (entry.sends < maxSends) {
            entry.sends++;
            resends++;
            resender.accept(entry.request);
            return responseTimeoutNanos;
        }
        timedOut.add(entry);
        return 0;
    }

    private void recycle(InFlight entry) {
        entry.clear();
        pool[pooled++] = entry;
    }

    private void notifyFailure(CmppResponseListener listener, CmppRequest request, Throwable cause) {
        try {
            listener.onFailure(request, cause);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, name + " - failure listener failed", e);
        }
    }
}
