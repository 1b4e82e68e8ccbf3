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
import org.cmppgw.gateway.persistence.StoreOverloadedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * How every sending endpoint hands admitted messages to the {@link MessageIntake}: messages the store has not taken
 * within {@code server.acceptTimeout} are withdrawn (docs/api.md "When the database is slow or down"), and a failure
 * is answered the same everywhere: 503/50019 for a refusal or a withdrawal (nothing stored, retry later), 500/50019
 * with a throttled warning for anything else.
 */
final class IntakeGate {
    /** The answer to a send whose messages the store had not taken within {@code server.acceptTimeout}. */
    static final String WITHDRAWN_MESSAGE = "server busy: the database did not take the messages in time; none was"
        + " stored, retry later";
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

    private final MessageIntake intake;
    private final GatewayMetrics metrics;
    private final JsonResponses json;
    private final long timeoutNanos;
    private final LogThrottle failureLog;

    IntakeGate(MessageIntake intake, GatewayMetrics metrics, JsonResponses json, Duration acceptTimeout,
               LongSupplier nanoClock) {
        this.intake = intake;
        this.metrics = metrics;
        this.json = json;
        this.timeoutNanos = acceptTimeout.toNanos();
        this.failureLog = new LogThrottle(FAILURE_LOG_INTERVAL_NANOS, nanoClock);
    }

    /**
     * The intake's msg ids for {@code messages}; never throws. Still waiting for the store at the deadline, the
     * messages are withdrawn if the intake can, and the future fails so that {@link #failure} answers 503.
     *
     * @param loop the connection's event loop, which runs the deadline
     */
    CompletableFuture<long[]> accept(List<AcceptedMessage> messages, EventExecutor loop) {
        CompletableFuture<long[]> ids;
        try {
            ids = intake.accept(messages);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("intake threw instead of failing", e));
        }
        if (ids.isDone()) {
            return ids;
        }
        // Set before withdraw(), which may fail the intake's future at once: its refusal is then the withdrawal.
        AtomicBoolean withdrawing = new AtomicBoolean();
        ScheduledFuture<?> deadline = loop.schedule(() -> {
            withdrawing.set(true);
            if (intake.withdraw(ids)) {
                metrics.acceptWithdrawn(messages.size());
            }
        }, timeoutNanos, TimeUnit.NANOSECONDS);
        CompletableFuture<long[]> result = new CompletableFuture<>();
        ids.whenComplete((value, failure) -> {
            deadline.cancel(false);
            if (failure == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(withdrawing.get() && unwrap(failure) instanceof IntakeRefusedException
                    ? new Withdrawn() : failure);
            }
        });
        return result;
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
