package org.cmppgw.gateway.callback;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.netty.channel.EventLoop;
import org.cmppgw.gateway.config.GatewayConfig;
import org.cmppgw.gateway.metrics.CallbackOutcome;
import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.cmppgw.gateway.model.CallbackTask;
import org.cmppgw.gateway.persistence.CallbackOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Sends the callback outbox (docs/design.md §3 "Callbacks are a durable outbox"): takes the tasks the
 * {@link CallbackOutbox} hands over as their rows commit (held by this node), claims due tasks (retries,
 * and what another node or an earlier run left) under a lease, POSTs each as a signed JSMS form ({@link CallbackForm})
 * and records how it ended. HTTP 200 marks it sent; anything else (another status, refused connection, timeout)
 * reschedules it on the {@link RetrySchedule} (JSMS: 3 min, 1 h, 12 h), and after the last retry it is abandoned and
 * counted ({@link GatewayMetrics#callbackGaveUp()}). At least once: a task whose outcome was not recorded (crash,
 * close) is claimed again after its lease, or, if this node held it since its creation, once the node's next start or
 * the node adopting it makes it due.
 *
 * <p>Every endpoint ({@code scheme://host:port}) is an {@link EndpointLane} with its own circuit breaker and
 * connection limit. A task the endpoint cannot take now, because its breaker is open or it is too slow for the task
 * to start within a fraction of {@code queueWait}, is <em>deferred</em>: handed back to the store with a later due
 * time, its claim not counted as an attempt. So an app's outage or slowness never uses up its callbacks' retries,
 * never holds more than its share of memory, and never delays another app's callbacks. When an endpoint that was down
 * (a failure streak or an open breaker) answers 200 again with its breaker closed, the callbacks of its routes that
 * wait for a later retry are made due at once ({@link CallbackOutbox#pullForwardCallbacks}), so a recovered app gets
 * its backlog within seconds instead of at the next step of the schedule.
 *
 * <p>Bounded: at most {@code maxHeld} claimed tasks in memory, {@code maxInFlight} requests in total,
 * {@code claimBatch} tasks per claim. Claims run when {@link #wake()} says new rows were committed, back to back
 * while a backlog lasts, at the next {@code idlePoll} tick once a task this node deferred or rescheduled is due, and
 * otherwise every {@value #QUIET_TICKS}th tick: callbacks come to this node handed over, not claimed, and an empty
 * claim walks past the index entries that sent callbacks left for purge (a tenth of {@code mariadbd}'s time at 5,000
 * msg/s when it ran every tick). Another node's due callbacks (its retries, a dead node's once adopted or its claims'
 * lease ran out) are claimed that much later. Threads: the dispatcher runs on the event loop of its HTTP client
 * ({@link CallbackHttp}), and that one thread owns all state (no locks). A POST's result is handled on the thread that
 * read its answer: with a dispatcher thread of its own, handing requests and results between the two threads cost
 * about half a thread wake-up per callback at 5,000 msg/s. Store futures complete on the store's writer and hop back
 * at once. Nothing runs on, or waits for, a CMPP event loop.
 */
public final class CallbackDispatcher implements AutoCloseable {
    /** The {@link GatewayMetrics#registerQueue} name of the tasks held in memory. */
    public static final String QUEUE = "callback";
    private static final Logger LOG = LoggerFactory.getLogger(CallbackDispatcher.class);
    /** A saturated endpoint's deferred tasks come back no sooner than this. */
    private static final long MIN_BUSY_DEFERRAL_MILLIS = 1_000;
    /** A task is admitted to an endpoint's queue only if it would start within queueWait / this. */
    private static final int ADMISSION_SHARE = 4;
    /** Waiting callbacks a recovered endpoint's route makes due per store write: bounds one outbox batch. */
    static final int PULL_PAGE = 500;
    private static final int MAX_CACHED_URLS = 1024;
    private static final long DUE_STEP_MILLIS = 100;
    private static final int MAX_DUE_STEPS = 4096;
    /** Ticks of {@code idlePoll} between claims while nothing is known to be due. */
    static final int QUIET_TICKS = 10;

    private final CallbackSettings settings;
    private final CallbackOutbox outbox;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final LongSupplier nanoClock;
    private final CallbackForm form;
    private final RetrySchedule retries;
    private final CallbackTrust trust;
    private final CallbackHttp http;
    private final StoreFailures storeFailures;
    /** The HTTP client's event loop, which runs the dispatcher too. */
    private final EventLoop eventLoop;
    /** Runs on {@link #eventLoop}; drops the work once stopped (the tasks stay claimed or held). */
    private final Executor loop;
    /**
     * Set once {@link #close} has waited what it may: from then on nothing runs, so the requests that closing the HTTP
     * client fails are not recorded as failed attempts.
     */
    private volatile boolean stopped;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();

    // Dispatcher-thread state.
    /** Concurrent only so that {@link #breakerState} may read it from another thread. */
    private final Map<String, EndpointLane> lanes = new ConcurrentHashMap<>();
    /** Callback URLs parsed, by their text. */
    private final Map<String, URI> urls = new HashMap<>();
    /** Lanes with queued tasks and free connections, waiting for a slot under maxInFlight. */
    private final ArrayDeque<EndpointLane> waitingLanes = new ArrayDeque<>();
    /** Claimed tasks queued or in flight; written by the dispatcher thread only, read by the metrics scrape. */
    private volatile int held;
    private int inFlight;
    private boolean claiming;
    private boolean wakePending;
    private boolean backlog;
    /** Ticks since the last claim; the first tick claims (another run may have left due callbacks). */
    private int quietTicks = QUIET_TICKS - 1;
    /**
     * When tasks this node deferred or rescheduled come due (ms, rounded up to {@value #DUE_STEP_MILLIS}), and how
     * many; at most {@value #MAX_DUE_STEPS} times, the rest claimed at a quiet tick.
     */
    private final TreeMap<Long, Integer> ownDue = new TreeMap<>();
    /** Tasks of the current claim deferred because their endpoint was saturated. */
    private int saturatedInClaim;
    private boolean closed;
    private CompletableFuture<Void> drained;

    /**
     * A dispatcher for the configured apps ({@code apps}: secrets), {@code callbacks} and
     * {@code limits.callbackQueueCapacity}, with the default {@link JsmsReportStatus} table.
     */
    public CallbackDispatcher(GatewayConfig config, CallbackOutbox outbox, GatewayMetrics metrics, Clock clock) {
        this(CallbackSettings.of(config), new CallbackForm(config.apps(), JsmsReportStatus.defaults(), clock), outbox,
            metrics, clock);
    }

    /** A dispatcher with explicit settings and form (status overrides, tests). */
    public CallbackDispatcher(CallbackSettings settings, CallbackForm form, CallbackOutbox outbox,
                              GatewayMetrics metrics, Clock clock) {
        this(settings, form, outbox, metrics, clock, System::nanoTime);
    }

    /**
     * As {@link #CallbackDispatcher(CallbackSettings, CallbackForm, CallbackOutbox, GatewayMetrics, Clock)}, measuring
     * waits and request times with {@code nanoClock} (a {@link System#nanoTime()} source).
     */
    public CallbackDispatcher(CallbackSettings settings, CallbackForm form, CallbackOutbox outbox,
                              GatewayMetrics metrics, Clock clock, LongSupplier nanoClock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.form = Objects.requireNonNull(form, "form");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.storeFailures = new StoreFailures(nanoClock);
        this.retries = settings.retrySchedule();
        this.trust = CallbackTrust.of(settings.callbacks().trustedCertificates());
        this.http = new CallbackHttp(settings.callbacks().connectTimeout(), settings.callbacks().requestTimeout(),
            settings.callbacks().pipelineDepth(), trust, nanoClock, metrics::callbackStaleRetry);
        this.eventLoop = http.eventLoop();
        this.loop = task -> {
            try {
                eventLoop.execute(() -> guarded(task));
            } catch (RejectedExecutionException e) {
                // stopped: whatever this was about stays claimed or held in the store and is sent again later
            }
        };
    }

    /** The CA certificates https callback URLs may present, as read at start: the URL checks use them too. */
    public CallbackTrust trust() {
        return trust;
    }

    /**
     * Starts polling the outbox, takes over the callbacks this node creates as they are committed
     * ({@link CallbackOutbox#handNewCallbacksTo}), and publishes the {@value #QUEUE} queue depth.
     */
    public void start() {
        metrics.registerQueue(QUEUE, () -> held);
        outbox.handNewCallbacksTo(this::handOver);
        long poll = settings.idlePoll().toNanos();
        eventLoop.scheduleWithFixedDelay(() -> guarded(this::tick), 0, poll, TimeUnit.NANOSECONDS);
        LOG.info("callbacks - dispatcher started (maxHeld={}, maxInFlight={}, perEndpoint={}, lease={}, retry={})",
            settings.maxHeld(), settings.maxInFlight(), settings.callbacks().maxConcurrentPerEndpoint(),
            settings.lease(), settings.callbacks().retrySchedule());
    }

    /** New outbox rows were committed: claim now instead of at the next poll. Cheap, any thread, never blocks. */
    public void wake() {
        if (wakeQueued.compareAndSet(false, true)) {
            loop.execute(() -> {
                wakeQueued.set(false);
                pump();
            });
        }
    }

    /**
     * Stops claiming, hands queued tasks back to the store as due now (not counted as attempts), waits up to
     * {@code closeGrace} for requests in flight and records their outcomes, then stops the threads. A task whose
     * request is still running is left as it is: claimed again after its lease, or, held, made due by this node's next
     * start or the node adopting it. Call before closing the store.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        // Callbacks created from now on (reports recorded while the providers drain) stay due for any claimer.
        outbox.handNewCallbacksTo(null);
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> beginClose(done));
        try {
            done.get(settings.closeGrace().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            LOG.warn("callbacks - closed with requests still in flight; they are sent again after the claim lease"
                + " ({}), or at this node's next start (or by the node adopting it) if handed over", settings.lease());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warn("callbacks - close failed", e.getCause());
        }
        stopped = true;
        http.close();
        LOG.info("callbacks - dispatcher stopped");
    }

    /**
     * Runs one step of the dispatcher, unless stopped: a bug is logged, never lost in a Future, and never stops
     * polling.
     */
    private void guarded(Runnable step) {
        if (stopped) {
            return;
        }
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.error("callbacks - dispatcher step failed", e);
        }
    }

    /** The circuit-breaker state of the endpoint of {@code url}, once a callback has been routed to it. */
    Optional<CircuitBreaker.State> breakerState(String url) {
        EndpointLane lane = lanes.get(EndpointLane.keyOf(URI.create(url)));
        return lane == null ? Optional.empty() : Optional.of(lane.state());
    }

    private void beginClose(CompletableFuture<Void> done) {
        closed = true;
        long now = clock.millis();
        for (EndpointLane lane : lanes.values()) {
            for (EndpointLane.Waiting w = lane.poll(); w != null; w = lane.poll()) {
                defer(w.task(), now, null);
            }
        }
        waitingLanes.clear();
        drained = done;
        completeCloseIfDrained();
    }

    private void completeCloseIfDrained() {
        if (drained != null && inFlight == 0 && !claiming) {
            drained.complete(null);
        }
    }

    /** One {@code idlePoll} tick: a claim when something may be due (see the class comment). */
    private void tick() {
        if (++quietTicks >= QUIET_TICKS || !ownDue.isEmpty() && ownDue.firstKey() <= clock.millis()) {
            pump();
        }
    }

    /** This node handed a task back to the store due at {@code dueAtMillis}: claim again once it is due. */
    private void dueAgainAt(long dueAtMillis) {
        long step = Math.floorDiv(dueAtMillis + DUE_STEP_MILLIS - 1, DUE_STEP_MILLIS) * DUE_STEP_MILLIS;
        if (ownDue.size() < MAX_DUE_STEPS || ownDue.containsKey(step)) {
            ownDue.merge(step, 1, Integer::sum);
        }
    }

    /** Claims a batch if there is room and no claim is running; on the dispatcher thread. */
    private void pump() {
        if (closed) {
            return;
        }
        if (claiming) {
            wakePending = true;
            return;
        }
        int room = settings.maxHeld() - held;
        if (room <= 0) {
            return;
        }
        int max = Math.min(settings.claimBatch(), room);
        claiming = true;
        wakePending = false;
        quietTicks = 0;
        // what is due by now is claimed now (again at the next tick if this claim fails)
        ownDue.headMap(clock.millis(), true).clear();
        CompletableFuture<List<CallbackTask>> claim;
        try {
            claim = outbox.claimCallbacks(max, settings.lease());
        } catch (RuntimeException e) {
            claim = CompletableFuture.failedFuture(e);
        }
        claim.whenCompleteAsync((tasks, error) -> onClaimed(max, tasks, error), loop);
    }

    /** New callbacks, held for this node by the store: from the store's writer, so only hop. */
    private void handOver(List<CallbackTask> tasks) {
        loop.execute(() -> adopt(tasks));
    }

    /**
     * Takes over handed tasks like claimed ones. Beyond {@code maxHeld}, or once closed, a task goes back to the
     * store due at once (its claim not counted), where the claim loop finds it when there is room.
     */
    private void adopt(List<CallbackTask> tasks) {
        long now = clock.millis();
        for (CallbackTask task : tasks) {
            held++;
            if (closed || held > settings.maxHeld()) {
                defer(task, now, null);
            } else {
                route(task);
            }
        }
        completeCloseIfDrained();
    }

    private void onClaimed(int requested, List<CallbackTask> tasks, Throwable error) {
        claiming = false;
        if (error != null) {
            // the store is down or overloaded: the next tick tries again
            storeFailures.failed("claim", error);
            dueAgainAt(clock.millis());
            completeCloseIfDrained();
            return;
        }
        saturatedInClaim = 0;
        for (CallbackTask task : tasks) {
            held++;
            if (closed) {
                defer(task, clock.millis(), null);
            } else {
                route(task);
            }
        }
        completeCloseIfDrained();
        // a backlog is claimed back to back, unless its endpoints are saturated: more would only be deferred
        backlog = tasks.size() == requested && saturatedInClaim == 0;
        if (backlog || wakePending) {
            pump();
        }
    }

    private void route(CallbackTask task) {
        URI uri;
        String key;
        try {
            uri = parsedUrl(task.url());
            key = EndpointLane.keyOf(uri);
        } catch (IllegalArgumentException e) {
            abandon(task, "invalid callback URL");
            return;
        }
        if (!form.canSign(task)) {
            abandon(task, "no configured app");
            return;
        }
        EndpointLane lane = lanes.computeIfAbsent(key, k -> new EndpointLane(k,
            settings.callbacks().maxConcurrentPerEndpoint(), settings.callbacks().circuitBreaker(), clock::millis));
        long now = clock.millis();
        if (lane.openUntilAfter(now)) {
            lane.waits(new EndpointLane.Route(task.appKey(), task.url()));
            defer(task, lane.breakerDeferralMillis(now), CallbackOutcome.CIRCUIT_OPEN);
        } else if (!lane.admits(settings.queueWait().toNanos() / ADMISSION_SHARE)) {
            saturatedInClaim++;
            defer(task, lane.busyDeferralMillis(now, MIN_BUSY_DEFERRAL_MILLIS), null);
        } else {
            lane.enqueue(new EndpointLane.Waiting(task, uri, nanoClock.getAsLong()));
            drain(lane);
        }
    }

    /**
     * {@code url} parsed, from a small cache: an app registers at most a few URLs, and parsing one per callback took a
     * sixth of this thread's time. Cleared when full, so it stays bounded whatever the URLs.
     */
    private URI parsedUrl(String url) {
        URI uri = urls.get(url);
        if (uri == null) {
            uri = URI.create(url);
            if (urls.size() >= MAX_CACHED_URLS) {
                urls.clear();
            }
            urls.put(url, uri);
        }
        return uri;
    }

    /** Starts as many of the lane's queued tasks as its connections, its breaker and maxInFlight allow. */
    private void drain(EndpointLane lane) {
        long maxWait = settings.queueWait().toNanos();
        while (lane.hasQueued() && lane.hasFreeConnection()) {
            if (inFlight >= settings.maxInFlight()) {
                if (!lane.listed()) {
                    lane.listed(true);
                    waitingLanes.addLast(lane);
                }
                return;
            }
            EndpointLane.Waiting w = lane.poll();
            long now = clock.millis();
            if (nanoClock.getAsLong() - w.claimedAtNanos() > maxWait) {
                // waited too long for a connection: hand it back well inside its lease
                defer(w.task(), lane.busyDeferralMillis(now, MIN_BUSY_DEFERRAL_MILLIS), null);
            } else if (!lane.tryStart()) {
                lane.waits(new EndpointLane.Route(w.task().appKey(), w.task().url()));
                defer(w.task(), lane.breakerDeferralMillis(now), CallbackOutcome.CIRCUIT_OPEN);
            } else {
                inFlight++;
                http.post(w.uri(), form.encode(w.task()))
                    .thenAcceptAsync(result -> onFinished(lane, w.task(), result), loop);
            }
        }
    }

    private void onFinished(EndpointLane lane, CallbackTask task, CallbackHttp.Result result) {
        inFlight--;
        held--;
        lane.finished(result);
        metrics.callbackAttempt(result.outcome(), result.nanos());
        if (result.delivered()) {
            watch("markSent", outbox.markCallbackSent(task));
            for (EndpointLane.Route route : lane.recovered()) {
                pullForward(lane, route, 0);
            }
        } else if (retries.exhausted(task.attempts())) {
            watch("abandon", outbox.abandonCallback(task.id()));
            metrics.callbackGaveUp();
        } else {
            lane.waits(new EndpointLane.Route(task.appKey(), task.url()));
            Instant retryAt = retries.nextAttempt(task.attempts(), clock.instant());
            dueAgainAt(retryAt.toEpochMilli());
            watch("reschedule", outbox.rescheduleCallback(task.id(), retryAt));
        }
        if (closed) {
            completeCloseIfDrained();
            return;
        }
        drain(lane);
        while (inFlight < settings.maxInFlight() && !waitingLanes.isEmpty()) {
            EndpointLane waiting = waitingLanes.pollFirst();
            waiting.listed(false);
            drain(waiting);
        }
        if (backlog && !claiming && settings.maxHeld() - held >= Math.min(settings.claimBatch(), settings.maxHeld())) {
            pump();
        }
    }

    /**
     * The endpoint of {@code lane} answers again: the callbacks of {@code route} that wait for a later retry become
     * due now, a page at a time, and the claim loop sends them at the endpoint's pace. {@code before}: made due by
     * the earlier pages.
     */
    private void pullForward(EndpointLane lane, EndpointLane.Route route, int before) {
        CompletableFuture<Integer> page;
        try {
            page = outbox.pullForwardCallbacks(route.appKey(), route.url(), PULL_PAGE);
        } catch (RuntimeException e) {
            page = CompletableFuture.failedFuture(e);
        }
        page.whenCompleteAsync((pulled, error) -> {
            if (error != null) {
                // the store is down: they keep their retry times
                storeFailures.failed("pullForward", error);
                return;
            }
            if (closed) {
                return;
            }
            if (pulled == PULL_PAGE && lane.answering()) {
                // more are waiting; not if the endpoint failed again: what it failed would be pulled forward again
                pullForward(lane, route, before + pulled);
            } else if (before + pulled > 0) {
                LOG.info("callback endpoint {} - answers again: {} callbacks of app {} waiting for a retry are due"
                    + " now", lane.key(), before + pulled, route.appKey());
            }
            if (pulled > 0) {
                pump();
            }
        }, loop);
    }

    /** Hands a task back to the store, due at {@code dueAtMillis}, its claim not counted as an attempt. */
    private void defer(CallbackTask task, long dueAtMillis, CallbackOutcome outcome) {
        held--;
        if (outcome != null) {
            metrics.callbackAttempt(outcome, 0);
        }
        dueAgainAt(dueAtMillis);
        watch("defer", outbox.deferCallback(task.id(), Instant.ofEpochMilli(dueAtMillis)));
    }

    private void abandon(CallbackTask task, String reason) {
        held--;
        LOG.warn("callbacks - task {} of app {} abandoned: {}", task.id(), task.appKey(), reason);
        watch("abandon", outbox.abandonCallback(task.id()));
        metrics.callbackGaveUp();
    }

    private void watch(String what, CompletableFuture<Void> write) {
        write.whenComplete((ignored, error) -> {
            if (error != null) {
                storeFailures.failed(what, error);
            }
        });
    }
}
