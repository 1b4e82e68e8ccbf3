package org.cmppgw.testing;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The one way tests wait for something another thread does: a condition polled until a deadline, never a fixed
 * sleep. A timeout fails with an {@link AssertionError} that names what was awaited, e.g.
 * {@code "not within 10 s: server got the SUBMITs"}.
 *
 * <p>Built on Awaitility. The condition is polled on the calling thread (so it may read state that is not
 * thread-safe, like an {@code EmbeddedChannel}), first at once and then every {@value #POLL_MILLIS} ms, and uncaught
 * exceptions of other threads are left to their handlers, as a hand-written loop would.
 */
public final class Await {
    /** How long {@link #until(String, BooleanSupplier)} and the future helpers wait. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final long POLL_MILLIS = 10;

    private Await() {
    }

    /** Waits up to {@link #TIMEOUT} for {@code condition}; {@code what} says what it is, for the failure message. */
    public static void until(String what, BooleanSupplier condition) {
        until(what, TIMEOUT, condition);
    }

    /** Waits up to {@code timeout} for {@code condition}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        poll(what, timeout, condition, null);
    }

    /**
     * Waits up to {@code timeout} for {@code condition}; a timeout also shows {@code state}, read at the deadline (a
     * queue depth, a child process's output), e.g. {@code "not within 30 s: every report (state: 97/100)"}.
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<?> state) {
        poll(what, timeout, condition, Objects.requireNonNull(state, "state"));
    }

    private static void poll(String what, Duration timeout, BooleanSupplier condition, Supplier<?> state) {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(condition, "condition");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
        }
        try {
            Awaitility.await(what)
                .atMost(timeout)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(POLL_MILLIS))
                .pollInSameThread()
                .dontCatchUncaughtExceptions()
                .until(condition::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not within " + describe(timeout) + ": " + what + describe(state), e);
        }
    }

    /** Waits up to {@link #TIMEOUT} for {@code future} (a Netty future too) and returns its result. */
    public static <T> T result(String what, Future<T> future) {
        until(what + " done", future::isDone);
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new AssertionError(what + " - failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(what + " - interrupted", e);
        }
    }

    /** Waits up to {@link #TIMEOUT} for {@code future} to fail and returns why. */
    public static Throwable failure(String what, Future<?> future) {
        until(what + " done", future::isDone);
        Object value;
        try {
            value = future.get();
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(what + " - interrupted", e);
        }
        throw new AssertionError(what + " - succeeded with " + value + " (expected: a failure)");
    }

    private static String describe(Supplier<?> state) {
        if (state == null) {
            return "";
        }
        try {
            return " (state: " + state.get() + ")";
        } catch (RuntimeException e) {
            return " (state unknown: " + e + ")";
        }
    }

    private static String describe(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }
}
