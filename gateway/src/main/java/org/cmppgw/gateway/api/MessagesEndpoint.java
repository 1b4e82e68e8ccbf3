package org.cmppgw.gateway.api;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.EventExecutor;
import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.cmppgw.gateway.logging.LogThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;

/**
 * {@code POST /v1/messages} and {@code POST /v1/messages/batch}: parse, admit, hand to the {@link MessageIntake} and
 * answer once it has made the messages durable. The body is read before this returns (the caller may release it);
 * the answer is built on the connection's event loop when the intake's future completes, wherever that happens.
 */
final class MessagesEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(MessagesEndpoint.class);
    /** At most one warning per this interval about intake failures; the 500/503 counts are in the metrics. */
    static final long FAILURE_LOG_INTERVAL_NANOS = 10_000_000_000L;

    private final RequestBodies bodies;
    private final MessageAdmission admission;
    private final MessageIntake intake;
    private final JsonResponses json;
    private final GatewayMetrics metrics;
    private final LogThrottle failureLog;

    MessagesEndpoint(RequestBodies bodies, MessageAdmission admission, MessageIntake intake, JsonResponses json,
                     GatewayMetrics metrics, LongSupplier nanoClock) {
        this.bodies = bodies;
        this.admission = admission;
        this.intake = intake;
        this.json = json;
        this.metrics = metrics;
        this.failureLog = new LogThrottle(FAILURE_LOG_INTERVAL_NANOS, nanoClock);
    }

    CompletableFuture<ApiReply> handle(ApiRoute route, ApiApp app, ByteBuf body, ByteBufAllocator alloc,
                                       EventExecutor loop) {
        return route == ApiRoute.SEND_BATCH ? sendBatch(app, body, alloc, loop) : sendOne(app, body, alloc, loop);
    }

    private CompletableFuture<ApiReply> sendOne(ApiApp app, ByteBuf body, ByteBufAllocator alloc, EventExecutor loop) {
        Outcome<SendOneRequest> parsed = bodies.sendOne(body);
        if (!parsed.isOk()) {
            return done(json.error(alloc, parsed));
        }
        Outcome<AcceptedMessage> admitted = admission.admitOne(app, parsed.value());
        if (!admitted.isOk()) {
            return done(json.error(alloc, admitted));
        }
        return submit(List.of(admitted.value()), loop, ids -> {
            metrics.messagesAccepted(ApiRoute.SEND_ONE.label(), 1);
            return json.msgId(alloc, ids[0]);
        }, alloc);
    }

    private CompletableFuture<ApiReply> sendBatch(ApiApp app, ByteBuf body, ByteBufAllocator alloc,
                                                  EventExecutor loop) {
        Outcome<SendBatchRequest> parsed = bodies.sendBatch(body);
        if (!parsed.isOk()) {
            return done(json.error(alloc, parsed));
        }
        Outcome<BatchAdmission> admitted = admission.admitBatch(app, parsed.value());
        if (!admitted.isOk()) {
            return done(json.error(alloc, admitted));
        }
        BatchAdmission batch = admitted.value();
        for (BatchAdmission.Failure failure : batch.failures()) {
            metrics.recipientsRejected(ApiRoute.SEND_BATCH.label(), failure.error().code(), 1);
        }
        if (batch.accepted().isEmpty()) {
            return done(json.batch(alloc, batch, new long[0]));
        }
        return submit(batch.accepted(), loop, ids -> {
            metrics.messagesAccepted(ApiRoute.SEND_BATCH.label(), ids.length);
            return json.batch(alloc, batch, ids);
        }, alloc);
    }

    /** What to answer once the intake gave the ids. */
    private interface Answer {
        ApiReply with(long[] ids);
    }

    private CompletableFuture<ApiReply> submit(List<AcceptedMessage> messages, EventExecutor loop, Answer answer,
                                               ByteBufAllocator alloc) {
        CompletableFuture<long[]> ids;
        try {
            ids = intake.accept(messages);
        } catch (RuntimeException e) {
            warn("api - message intake threw instead of failing its future", e);
            return done(json.error(alloc, ApiError.SERVER_ERROR, ApiError.SERVER_ERROR.message()));
        }
        return ids.handleAsync((result, failure) -> {
            if (failure == null && result != null && result.length == messages.size()) {
                return answer.with(result);
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
            if (cause instanceof IntakeRefusedException) {
                LOG.debug("api - intake refused {} messages: {}", messages.size(), cause.getMessage());
                return json.error(alloc, ApiError.SERVER_BUSY, ApiError.SERVER_BUSY.message());
            }
            if (cause == null) {
                warn("api - intake answered " + (result == null ? 0 : result.length) + " ids for " + messages.size()
                    + " messages", null);
            } else {
                warn("api - intake failed to accept " + messages.size() + " messages", cause);
            }
            return json.error(alloc, ApiError.SERVER_ERROR, ApiError.SERVER_ERROR.message());
        }, loop);
    }

    private void warn(String message, Throwable cause) {
        long held = failureLog.tryLog();
        if (held >= 0) {
            LOG.warn("{} ({} similar failures since the last warning; answering 500/50019)", message, held, cause);
        }
    }

    private static CompletableFuture<ApiReply> done(ApiReply reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
