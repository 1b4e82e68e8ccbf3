package org.cmppgw.gateway.provider.cmpp;

import io.netty.channel.EventLoop;
import org.cmppgw.cmpp.pdu.CmppCancel;
import org.cmppgw.cmpp.pdu.CmppCancelResp;
import org.cmppgw.cmpp.pdu.CmppDeliver;
import org.cmppgw.cmpp.pdu.CmppRequest;
import org.cmppgw.cmpp.pdu.CmppResponse;
import org.cmppgw.cmpp.pdu.CmppSubmit;
import org.cmppgw.cmpp.pdu.CmppSubmitResp;
import org.cmppgw.cmpp.pdu.MsgId;
import org.cmppgw.cmpp.session.CmppResponseTimeoutException;
import org.cmppgw.cmpp.session.CmppSession;
import org.cmppgw.cmpp.session.CmppSessionListener;
import org.cmppgw.gateway.metrics.SessionMetrics;
import org.cmppgw.gateway.provider.PartQueues;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The sending side of one logged-in connection: pulls parts from the provider's queues into the session's window,
 * within the provider's TPS limit, and handles each SUBMIT_RESP (docs/cmpp-protocol.md §11.2, §12). Also answers the
 * DELIVERs of its session once they are durable. Everything but {@link #wake()} and {@link #respondLater} runs on the
 * session's event loop, so the state here needs no locks.
 *
 * <p>The pull loop runs while the window has room, a TPS permit is at hand and a part is queued. It restarts when the
 * window frees up ({@link #windowAvailable}), when a paused or rate-limited session's timer fires, and when new work
 * {@linkplain #wake() wakes} an idle session: the pool wakes one idle session per enqueue, and a session that fills
 * its window while work remains wakes the next, so a burst spreads over the connections without waking them all.
 *
 * <p>The queues hold {@link PartRun}s: a message's parts go out consecutively on one session, and a run starts only
 * when the window can take all of it (or, for a message longer than the window, when the window is empty), because a
 * carrier may reassemble long messages per connection (docs/cmpp-protocol.md §9.5). Until it fits, the session holds
 * the run and sends nothing else. A part that must go again (flow control, no response) goes again on this session
 * while it lives, ahead of everything else; when the session ends, what it still held goes back to the provider's
 * front queue for the others.
 *
 * <p>A part the carrier did not take goes to the {@link RetryPolicy}; this class only applies the pause it asks for.
 */
final class SessionPump implements CmppSessionListener {
    private final PoolServices services;
    private final ConnectionSlot slot;
    private final Sessions sessions;
    private final PartQueues<PartRun> queues;
    private final RetryPolicy retries;
    private final AtomicBoolean idle = new AtomicBoolean();
    private final Runnable pumpTask = this::pump;
    private final Runnable resumeTask = this::resume;
    private final Queue<CmppResponse> responses = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean respondScheduled = new AtomicBoolean();
    private final Runnable respondTask = this::drainResponses;
    /** Parts to send again on this session, before anything else. */
    private final ArrayDeque<PartTask> resends = new ArrayDeque<>();
    /** Since when the carrier is known to be alive on this session, for the parts other sessions lost. */
    private final SessionLife life = new SessionLife();
    /** The run this session is sending, or holding until its window can take it; {@code null} when none. */
    private PartRun run;
    private CmppSession session;
    private EventLoop loop;
    private SessionMetrics metrics = SessionMetrics.NOOP;
    private volatile int windowInUse;
    /** A TPS permit taken (or reserved) but not used yet: kept across turns instead of wasted. */
    private boolean permit;
    /** Flow control (Result 8): no pulling before this nano time; 0 when not paused. */
    private long pausedUntil;
    private boolean resumeScheduled;
    private int responsesSinceHealthMark;
    private boolean closed;

    SessionPump(PoolServices services, ConnectionSlot slot) {
        this.services = services;
        this.slot = slot;
        this.sessions = services.sessions();
        this.queues = services.queues();
        this.retries = services.retries();
    }

    SubmitMapper mapper() {
        return services.mapper();
    }

    CmppSession session() {
        return session;
    }

    @Override
    public void sessionActive(CmppSession active) {
        this.session = active;
        this.loop = active.channel().eventLoop();
        this.metrics = services.metrics().session(slot.label(), () -> windowInUse);
        life.up(services.nanoTime());
        slot.sessionUp(this);
        if (sessions.isClosing()) {
            active.terminate();
            return;
        }
        pump();
    }

    @Override
    public void requestReceived(CmppSession from, CmppRequest request) {
        if (request instanceof CmppDeliver deliver) {
            services.delivers().onDeliver(this, deliver);
        } else if (request instanceof CmppSubmit submit) {
            // An ISMG never submits to an SP: "command word error" (§11.2).
            from.respond(new CmppSubmitResp(submit.sequenceId(), MsgId.ZERO, 2));
        } else if (request instanceof CmppCancel cancel) {
            // Nothing of ours can be cancelled by the ISMG: Success_Id 1, failure (§11.4).
            from.respond(new CmppCancelResp(cancel.sequenceId(), 1));
        }
        // A QUERY is an SP's question to the ISMG, never the other way round: nothing sensible to answer.
    }

    @Override
    public void windowAvailable(CmppSession from) {
        pump();
    }

    @Override
    public void responseUnmatched(CmppSession from, CmppResponse response) {
        metrics.responseUnmatched();
    }

    @Override
    public void sessionClosed(CmppSession from, Throwable causeOrNull) {
        closed = true;
        windowInUse = 0;
        metrics.close();
        slot.sessionDown(this, causeOrNull);
        handBackHeldParts();
    }

    /**
     * What this session held goes to the others: a run not finished first in line (its parts were never sent here),
     * parts waiting to go again to the {@link LostParts}.
     */
    private void handBackHeldParts() {
        boolean any = run != null || !resends.isEmpty();
        if (run != null) {
            queues.offerFront(run);
            run = null;
        }
        PartTask task;
        long now = services.nanoTime();
        while ((task = resends.poll()) != null) {
            services.lost().add(task, now);
        }
        if (any) {
            sessions.wakeOne(this);
        }
    }

    /**
     * From any thread: sends {@code task} again on this session, ahead of everything else, or hands it to the other
     * sessions when this one has ended.
     */
    void sendAgain(PartTask task) {
        if (!loop.inEventLoop()) {
            try {
                loop.execute(() -> sendAgain(task));
            } catch (RejectedExecutionException e) {
                // Shutting down: the part stays pending in the store and is sent again after the restart.
            }
            return;
        }
        if (closed) {
            services.lost().add(task, services.nanoTime());
            sessions.wakeOne(this);
            return;
        }
        resends.offer(task);
        pump();
    }

    /** From any thread: runs the pull loop if this session is idle. False when it was busy (no wake needed). */
    boolean wake() {
        if (idle.compareAndSet(true, false)) {
            try {
                loop.execute(pumpTask);
            } catch (RejectedExecutionException e) {
                return false;
            }
            return true;
        }
        return false;
    }

    /** Answers a DELIVER from any thread (a store callback): batched into one event-loop task. */
    void respondLater(CmppResponse response) {
        responses.offer(response);
        if (respondScheduled.compareAndSet(false, true)) {
            try {
                loop.execute(respondTask);
            } catch (RejectedExecutionException e) {
                // Shutting down: the ISMG resends what we did not answer (§11.3).
                responses.clear();
            }
        }
    }

    /** Answers a DELIVER on this event loop. */
    void respondNow(CmppResponse response) {
        session.respond(response);
    }

    EventLoop loop() {
        return loop;
    }

    private void drainResponses() {
        respondScheduled.set(false);
        CmppResponse response;
        while ((response = responses.poll()) != null) {
            session.respond(response);
        }
    }

    /** The pull loop. */
    private void pump() {
        // Running, so not idle: a wake-up now goes to another session, and this loop sees the work anyway.
        idle.set(false);
        if (closed || sessions.isClosing() || paused()) {
            return;
        }
        while (session.windowAvailable() > 0) {
            if (resends.isEmpty() && run == null && queues.isEmpty() && noLostPartForMe() && stayIdle()) {
                break;
            }
            if (!permit && !takePermit()) {
                break;
            }
            PartTask task = nextPart();
            if (task == null) {
                if (run != null) {
                    break; // the run waits for room in the window
                }
                continue;
            }
            if (retries.dropIfAbandoned(task)) {
                continue;
            }
            task.pump = this;
            task.sentAtNanos = services.nanoTime();
            if (!session.trySend(task, task)) {
                resends.addFirst(task);
                break;
            }
            permit = false;
            metrics.submitSent();
        }
        windowInUse = session.inFlight();
        if ((session.windowAvailable() == 0 || run != null) && !queues.isEmpty()) {
            sessions.wakeOne(this);
        }
    }

    /**
     * The next part to send: a resend, the next part of the current run, or the first part of a run taken from the
     * queues once the window can take it whole. {@code null} when nothing is queued or the held run does not fit yet.
     */
    private PartTask nextPart() {
        PartTask task = resends.poll();
        if (task != null) {
            return task;
        }
        if (!services.lost().isEmpty() && (task = services.lost().pollFor(aliveSince())) != null) {
            return task;
        }
        if (run == null) {
            run = queues.poll();
            if (run == null) {
                return null;
            }
        }
        if (!run.started() && session.windowAvailable() < Math.min(run.remaining(), services.windowSize())) {
            return null;
        }
        task = run.take();
        if (run.remaining() == 0) {
            run = null;
        }
        return task;
    }

    private long aliveSince() {
        return life.aliveSince();
    }

    private boolean noLostPartForMe() {
        if (services.lost().isEmpty()) {
            return true;
        }
        PartTask task = services.lost().pollFor(aliveSince());
        if (task == null) {
            return true;
        }
        resends.offer(task);
        return false;
    }

    /** Marks this session idle; false (and busy again) when work arrived meanwhile: no wake-up is lost. */
    private boolean stayIdle() {
        idle.set(true);
        return queues.isEmpty() || !idle.compareAndSet(true, false);
    }

    private boolean paused() {
        if (pausedUntil == 0) {
            return false;
        }
        long left = pausedUntil - services.nanoTime();
        if (left <= 0) {
            pausedUntil = 0;
            return false;
        }
        resumeAfter(left);
        return true;
    }

    /** Asks the TPS limiter without waiting: a permit now, one reserved for later (resume then), or none yet. */
    private boolean takePermit() {
        long wait = services.tps().reservePermission();
        if (wait == 0) {
            permit = true;
            return true;
        }
        if (wait > 0) {
            permit = true;
        } else {
            wait = services.tps().retryNanos();
        }
        services.metrics().rateLimitWait(wait);
        resumeAfter(wait);
        return false;
    }

    private void resumeAfter(long nanos) {
        if (!resumeScheduled) {
            resumeScheduled = true;
            loop.schedule(resumeTask, nanos, TimeUnit.NANOSECONDS);
        }
    }

    private void resume() {
        resumeScheduled = false;
        pump();
    }

    void onSubmitResp(PartTask task, CmppSubmitResp resp) {
        // Every response frees a slot, and the pull loop may not run again (nothing queued): keep the gauge true.
        windowInUse = session.inFlight();
        life.answered(task.sentAtNanos);
        pumpIfRunWaits();
        long result = resp.result();
        metrics.submitResponse(result);
        if (result == CmppSubmitResp.RESULT_OK) {
            long carrierMsgId = resp.msgId().value();
            services.latency().submitted(carrierMsgId);
            services.outcomes().accepted(task, carrierMsgId);
            // One breaker success per window of responses: weighs against timeouts without a lock per submit.
            if (++responsesSinceHealthMark >= services.windowSize()) {
                responsesSinceHealthMark = 0;
                services.breaker().onSuccess(0, TimeUnit.NANOSECONDS);
            }
            return;
        }
        long pause = retries.refused(task, (int) Math.min(result, Integer.MAX_VALUE));
        if (pause != RetryPolicy.NO_RETRY) {
            pauseThenSendAgain(task, pause);
        }
    }

    void onSubmitFailure(PartTask task, Throwable cause) {
        windowInUse = session.inFlight();
        pumpIfRunWaits();
        if (cause instanceof CmppResponseTimeoutException) {
            metrics.submitTimeout();
            services.breaker().onError(0, TimeUnit.NANOSECONDS, cause);
        }
        retries.unknownOutcome(task);
    }

    /**
     * A held run waits for room that the session does not announce ({@link CmppSessionListener#windowAvailable} only
     * follows a full window), and a lost part waits for a session that has heard from the carrier since: look again
     * once this response has freed its slot.
     */
    private void pumpIfRunWaits() {
        if ((run != null && !run.started() || !services.lost().isEmpty()) && !closed) {
            try {
                loop.execute(pumpTask);
            } catch (RejectedExecutionException e) {
                // Shutting down: the held run stays pending in the store and is sent after the restart.
            }
        }
    }

    /** Result 8 (§11.2, §12.2): no pulling on this session for {@code pauseNanos}, then the same part again. */
    private void pauseThenSendAgain(PartTask task, long pauseNanos) {
        pausedUntil = Math.max(pausedUntil, services.nanoTime() + pauseNanos);
        try {
            loop.schedule(() -> retries.sendAgain(task), pauseNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // Shutting down: the part stays pending in the store and is sent again after the restart.
        }
    }
}
