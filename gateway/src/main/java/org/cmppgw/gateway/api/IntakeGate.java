package org.cmppgw.gateway.api;

import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import org.cmppgw.gateway.intake.AcceptedMessage;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.IntakeRefusedException;
import org.cmppgw.gateway.intake.MessageIntake;
import org.cmppgw.gateway.logging.LogThrottle;
import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.cmppgw.gateway.persistence.AcceptHook;
import org.cmppgw.gateway.persistence.StoreOverloadedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * How every sending endpoint hands admitted messages to the {@link MessageIntake}: no send waits for the store longer
 * than {@code server.acceptTimeout} (docs/api.md "When the database is slow or down"). At the deadline, messages still
 * queued are withdrawn (503, nothing stored, retry); messages whose group commit is under way cannot be, and the send
 * is answered 503 "outcome unknown" at once while the commit goes on and decides (a committed message is sent).
 * Other failures are answered the same everywhere: 503/50019 for a refusal, 409/50019 when another send holds the
 * request's {@code Idempotency-Key}, 500/50019 with a throttled warning for anything else.
 */
final class IntakeGate {
    /** The answer to a send whose messages the store had not taken within {@code server.acceptTimeout}. */
    static final String WITHDRAWN_MESSAGE = "server busy: the database did not take the messages in time; none was"
        + " stored, retry later";
    /** The answer to a send whose group commit was under way at the deadline: it may or may not be stored. */
    static final String OUTCOME_UNKNOWN_MESSAGE = "server busy: the database was still storing the messages when the"
        + " time ran out; they may have been stored and sent: retry only with the same Idempotency-Key";
    /** The answer to a send whose {@code Idempotency-Key} the store found taken by another send. */
    static final String KEY_TAKEN_MESSAGE = "request in progress: another send holds this Idempotency-Key; retry later"
        + " with the same key to get its answer";
    private static final Logger LOG = LoggerFactory.getLogger(IntakeGate.class);
    /** At most one warning per this interval about failures; the 500/503 counts are in the metrics. */
    static final long FAILURE_LOG_INTERVAL_NANOS = 10_000_000_000L;

    /** The messages were withdrawn at the deadline: never stored, never sent. */
    private static final class Withdrawn extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Withdrawn() {
            super(WITHDRAWN_MESSAGE, null, false, false);
        }
    }

    /** The messages were being stored at the deadline: the commit decides, the client was answered before. */
    private static final class OutcomeUnknown extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutcomeUnknown() {
            super(OUTCOME_UNKNOWN_MESSAGE, null, false, false);
        }
    }

    /** Another send holds the request's key: nothing of this one was stored. */
    private static final class KeyTaken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        KeyTaken() {
            super(KEY_TAKEN_MESSAGE, null, false, false);
        }
    }

    private final MessageIntake intake;
    private final GatewayMetrics metrics;
    private final JsonResponses json;
    private final long timeoutNanos;
    private final LogThrottle failureLog;
    private final LongSupplier nanoClock;

    IntakeGate(MessageIntake intake, GatewayMetrics metrics, JsonResponses json, Duration acceptTimeout,
               LongSupplier nanoClock) {
        this.intake = intake;
        this.metrics = metrics;
        this.json = json;
        this.timeoutNanos = acceptTimeout.toNanos();
        this.failureLog = new LogThrottle(FAILURE_LOG_INTERVAL_NANOS, nanoClock);
        this.nanoClock = nanoClock;
    }

    /**
     * The intake's msg ids for {@code messages}; never throws. Still waiting for the store at the deadline, the
     * messages are withdrawn if the intake can, and the future fails so that {@link #failure} answers 503.
     *
     * @param loop the connection's event loop, which runs the deadline
     */
    CompletableFuture<long[]> accept(List<AcceptedMessage> messages, EventExecutor loop) {
        return accept(messages, loop, null, null, null);
    }

    /**
     * As {@link #accept(List, EventExecutor)}, for a send that may carry an {@code Idempotency-Key}, with work that
     * must follow a successful accept even when the client was answered at the deadline (a code's hash).
     *
     * @param claim the request's hold on its {@code Idempotency-Key}, or null for none; with one, the key and
     *              {@code reply}'s answer are stored in the accept's transaction, and the deadline counts from the
     *              claim (the key's lookup came first)
     * @param reply the send's answer from its ids, stored with the key; null without a claim
     * @param then  runs after the accept in every case, the deadline covers it too; null for none
     */
    CompletableFuture<long[]> accept(List<AcceptedMessage> messages, EventExecutor loop, IdempotentSends.Claim claim,
                                     IdempotentSends.Reply reply,
                                     Function<long[], CompletableFuture<long[]>> then) {
        return accept(messages, loop, claim, reply, then, null);
    }

    /**
     * As {@link #accept(List, EventExecutor, IdempotentSends.Claim, IdempotentSends.Reply, Function)}, with
     * {@code more} run in the accept's transaction after the key is recorded (the send's tracked links); null for
     * none, and a plain send has none.
     */
    CompletableFuture<long[]> accept(List<AcceptedMessage> messages, EventExecutor loop, IdempotentSends.Claim claim,
                                     IdempotentSends.Reply reply,
                                     Function<long[], CompletableFuture<long[]>> then, AcceptHook more) {
        CompletableFuture<long[]> ids;
        try {
            AcceptHook hook = both(claim == null ? null : claim.hook(reply), more);
            ids = hook == null ? intake.accept(messages) : intake.accept(messages, hook);
        } catch (RuntimeException e) {
            if (claim != null) {
                claim.release();
            }
            return CompletableFuture.failedFuture(new IllegalStateException("intake threw instead of failing", e));
        }
        CompletableFuture<long[]> work = then == null ? ids : ids.thenCompose(then);
        if (claim != null) {
            // the key stays claimed on this node until the commit has decided, however the client was answered
            work.whenComplete((value, failure) -> claim.release());
        }
        if (work.isDone()) {
            return outcome(work, claim, false);
        }
        long remaining = claim == null ? timeoutNanos : timeoutNanos - (nanoClock.getAsLong() - claim.startNanos());
        // Set before withdraw(), which may fail the intake's future at once: its refusal is then the withdrawal.
        AtomicBoolean withdrawing = new AtomicBoolean();
        CompletableFuture<long[]> result = new CompletableFuture<>();
        ScheduledFuture<?> deadline = loop.schedule(() -> {
            withdrawing.set(true);
            if (intake.withdraw(ids)) {
                metrics.acceptWithdrawn(messages.size());
            } else if (result.completeExceptionally(new OutcomeUnknown())) {
                metrics.acceptOutcomeUnknown(messages.size());
            }
        }, Math.max(0, remaining), TimeUnit.NANOSECONDS);
        work.whenComplete((value, failure) -> {
            deadline.cancel(false);
            if (claim != null) {
                // before the answer can reach the client: a retry sent the moment it arrives must not find the key
                // still held (409 "in progress"), and the release above may run after this
                claim.release();
            }
            outcome(work, claim, withdrawing.get()).whenComplete((v, f) -> {
                if (f == null) {
                    result.complete(v);
                } else {
                    result.completeExceptionally(f);
                }
            });
        });
        return result;
    }

    /** {@code first} then {@code second} in one transaction; a refusal of {@code first} is the accept's. */
    private static AcceptHook both(AcceptHook first, AcceptHook second) {
        if (first == null || second == null) {
            return first == null ? second : first;
        }
        return (connection, msgIds, verdicts) -> {
            int refusal = first.apply(connection, msgIds, verdicts);
            return refusal != 0 ? refusal : second.apply(connection, msgIds, verdicts);
        };
    }

    /** The completed {@code work} as the endpoint sees it: a withdrawal or a taken key get their own failures. */
    private static CompletableFuture<long[]> outcome(CompletableFuture<long[]> work, IdempotentSends.Claim claim,
                                                     boolean withdrawing) {
        if (claim != null && claim.taken()) {
            return CompletableFuture.failedFuture(new KeyTaken());
        }
        if (withdrawing && work.isCompletedExceptionally()) {
            Throwable failure = work.handle((v, f) -> f).join();
            if (unwrap(failure) instanceof IntakeRefusedException) {
                return CompletableFuture.failedFuture(new Withdrawn());
            }
        }
        return work;
    }

    /**
     * The answer to a failed {@link #accept}, or to another failure of the send ({@code what} names it in the
     * warning); {@code failure} null: a failure without a cause.
     */
    ApiReply failure(ByteBufAllocator alloc, String what, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof Withdrawn) {
            return json.error(alloc, ApiError.SERVER_BUSY, WITHDRAWN_MESSAGE);
        }
        if (cause instanceof OutcomeUnknown) {
            return json.error(alloc, ApiError.SERVER_BUSY, OUTCOME_UNKNOWN_MESSAGE);
        }
        if (cause instanceof KeyTaken) {
            return json.error(alloc, ApiError.KEY_IN_USE, KEY_TAKEN_MESSAGE);
        }
        if (cause instanceof IntakeRefusedException || cause instanceof StoreOverloadedException) {
            LOG.debug("{}: refused ({})", what, cause.getMessage());
            return json.error(alloc, ApiError.SERVER_BUSY, ApiError.SERVER_BUSY.message());
        }
        long held = failureLog.tryLog();
        if (held >= 0) {
            LOG.warn("{} ({} similar failures since the last warning; answering 500/50019)", what, held, cause);
        }
        return json.error(alloc, ApiError.SERVER_ERROR, ApiError.SERVER_ERROR.message());
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
