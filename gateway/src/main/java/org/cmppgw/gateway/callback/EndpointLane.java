package org.cmppgw.gateway.callback;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import org.cmppgw.gateway.config.CircuitBreakerConfig;
import org.cmppgw.gateway.model.CallbackTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One callback endpoint ({@code scheme://host:port}): its circuit breaker, its requests in flight (at most
 * {@code callbacks.maxConcurrentPerEndpoint}), the claimed tasks waiting for one of its connections, and what it
 * has shown about itself: how long it takes to answer, when its breaker opened. Endpoints share nothing, so a slow
 * or dead one never delays another.
 *
 * <p>Confined to the dispatcher's thread: not thread-safe, no locks. The breaker too is only called from there.
 */
final class EndpointLane {
    private static final Logger LOG = LoggerFactory.getLogger(EndpointLane.class);
    /** What a new endpoint is assumed to take per request until it has answered once. */
    private static final long INITIAL_LATENCY_NANOS = 50_000_000L;
    /** Longest spread of the tasks deferred while the breaker stays open: bounds re-claims of a dead endpoint. */
    private static final long MAX_OPEN_SPREAD_MILLIS = 10 * 60_000L;

    /**
     * Failed requests in a row after which the endpoint counts as having been down, so its next success pulls its
     * waiting callbacks forward. More than one: a single callback the app keeps refusing (while it accepts the others)
     * must not have its retries pulled forward by every other callback's success and its schedule used up in minutes.
     */
    static final int DOWN_STREAK = 3;

    /** An app's callback URL on this endpoint. */
    record Route(String appKey, String url) {
    }

    /** A claimed task and when it was claimed (dispatcher nano clock). */
    record Waiting(CallbackTask task, URI uri, long claimedAtNanos) {
    }

    private final String key;
    private final CircuitBreaker breaker;
    private final int maxConcurrent;
    private final long openMillis;
    private final LongSupplier wallClock;
    private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    private int inFlight;
    private long latencyNanos = INITIAL_LATENCY_NANOS;
    private long nextBusySlotMillis;
    private long openedAtMillis = Long.MIN_VALUE;
    private int consecutiveOpens;
    private boolean listed;
    /** Routes of this endpoint that have callbacks rescheduled or deferred by the breaker (bounded by the config). */
    private final Set<Route> waiting = new HashSet<>();
    private int failuresInARow;
    /** The endpoint was down (a failure streak or an open breaker) and has not succeeded since. */
    private boolean down;

    /** @param wallClock epoch millis, the dispatcher's clock */
    EndpointLane(String key, int maxConcurrent, CircuitBreakerConfig breakerConfig, LongSupplier wallClock) {
        this.key = key;
        this.wallClock = wallClock;
        this.maxConcurrent = maxConcurrent;
        this.openMillis = breakerConfig.openDuration().toMillis();
        this.breaker = CircuitBreaker.of("callback " + key, breakerSettings(breakerConfig));
        this.nextBusySlotMillis = wallClock.getAsLong();
        breaker.getEventPublisher().onStateTransition(event -> onTransition(event.getStateTransition().getToState()));
    }

    /** The endpoint of a callback URL: scheme, host and port, default port filled in, lower case. */
    static String keyOf(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + ":" + port;
    }

    String key() {
        return key;
    }

    CircuitBreaker.State state() {
        return breaker.getState();
    }

    /** The breaker is open and its wait is not over: calling would be refused. */
    boolean openUntilAfter(long nowMillis) {
        return breaker.getState() == CircuitBreaker.State.OPEN && nowMillis < openedAtMillis + openMillis;
    }

    /**
     * When a task refused by the open (or probing) breaker is due again: after the breaker lets calls through, spread
     * over a window that doubles with every failed probe round (up to ten minutes), so a long outage costs few
     * re-claims and a recovered endpoint is not hit by its whole backlog at once.
     */
    long breakerDeferralMillis(long nowMillis) {
        long reopen = Math.max(nowMillis, openedAtMillis + openMillis);
        long spread = Math.min(MAX_OPEN_SPREAD_MILLIS, openMillis << Math.min(20, Math.max(0, consecutiveOpens - 1)));
        return reopen + ThreadLocalRandom.current().nextLong(spread + 1);
    }

    /**
     * Whether one more task may wait here: only if this endpoint, at its measured pace, would start it within
     * {@code maxWaitNanos}. Beyond that the task is deferred instead, so a slow endpoint holds few tasks.
     */
    boolean admits(long maxWaitNanos) {
        long ahead = queue.size() + 1L;
        return ahead * latencyNanos / maxConcurrent <= maxWaitNanos;
    }

    /**
     * When a task this saturated endpoint could not take is due again: the next free slot at its measured pace, so
     * deferred tasks return about when the endpoint can serve them, each about once.
     */
    long busyDeferralMillis(long nowMillis, long minDelayMillis) {
        long slot = Math.max(nowMillis + minDelayMillis, nextBusySlotMillis);
        nextBusySlotMillis = slot + Math.max(1, latencyNanos / maxConcurrent / 1_000_000L);
        return slot;
    }

    void enqueue(Waiting waiting) {
        queue.addLast(waiting);
    }

    int queued() {
        return queue.size();
    }

    boolean hasQueued() {
        return !queue.isEmpty();
    }

    boolean hasFreeConnection() {
        return inFlight < maxConcurrent;
    }

    Waiting poll() {
        return queue.pollFirst();
    }

    /** Asks the breaker for one call; false when open or when the half-open probes are taken. */
    boolean tryStart() {
        if (!breaker.tryAcquirePermission()) {
            return false;
        }
        inFlight++;
        return true;
    }

    /** A callback of {@code route} waits for a later retry: rescheduled, or deferred by the open breaker. */
    void waits(Route route) {
        waiting.add(route);
    }

    /**
     * After a delivered request: the routes whose waiting callbacks are to be made due now, because the endpoint was
     * down (a failure streak or an open breaker) and its breaker is closed again; else none. Each recovery once.
     */
    List<Route> recovered() {
        failuresInARow = 0;
        if (!down || breaker.getState() != CircuitBreaker.State.CLOSED) {
            // still probing (half open): the success that closes the breaker pulls them forward
            return List.of();
        }
        down = false;
        List<Route> routes = List.copyOf(waiting);
        waiting.clear();
        return routes;
    }

    /** Neither down nor probing: pulling its waiting callbacks forward may go on. */
    boolean answering() {
        return !down && breaker.getState() == CircuitBreaker.State.CLOSED;
    }

    /** A request started with {@link #tryStart} ended; feeds the breaker and the pace estimate. */
    void finished(CallbackHttp.Result result) {
        inFlight--;
        latencyNanos += (result.nanos() - latencyNanos) / 4;
        if (result.delivered()) {
            breaker.onSuccess(result.nanos(), TimeUnit.NANOSECONDS);
        } else {
            if (++failuresInARow >= DOWN_STREAK) {
                down = true;
            }
            Throwable error = result.error() != null ? result.error()
                : new CallbackRejectedException(key, result.httpStatus());
            breaker.onError(result.nanos(), TimeUnit.NANOSECONDS, error);
        }
    }

    /** Whether the dispatcher has this lane in its list of lanes waiting for a global slot. */
    boolean listed() {
        return listed;
    }

    void listed(boolean value) {
        listed = value;
    }

    private void onTransition(CircuitBreaker.State to) {
        switch (to) {
            case OPEN -> {
                openedAtMillis = wallClock.getAsLong();
                consecutiveOpens++;
                down = true;
                LOG.warn("callback endpoint {} - circuit open, calls paused for {} ms (rounds={})", key, openMillis,
                    consecutiveOpens);
            }
            case CLOSED -> {
                if (consecutiveOpens > 0) {
                    LOG.info("callback endpoint {} - circuit closed, calls resumed", key);
                }
                consecutiveOpens = 0;
            }
            default -> {
                // HALF_OPEN and the states we never force (DISABLED, FORCED_OPEN, METRICS_ONLY): nothing to track
            }
        }
    }

    private static io.github.resilience4j.circuitbreaker.CircuitBreakerConfig breakerSettings(
            CircuitBreakerConfig c) {
        return io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.custom()
            .slidingWindow(c.slidingWindowSize(), c.minimumCalls(), SlidingWindowType.COUNT_BASED)
            .failureRateThreshold(c.failureRateThreshold())
            .waitDurationInOpenState(c.openDuration())
            .permittedNumberOfCallsInHalfOpenState(c.halfOpenCalls())
            .recordExceptions(Throwable.class)
            .build();
    }
}
