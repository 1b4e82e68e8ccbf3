package org.cmppgw.gateway.api;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.util.concurrent.EventExecutor;
import org.cmppgw.gateway.intake.AcceptedMessage;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.BatchAdmission;
import org.cmppgw.gateway.intake.MessageAdmission;
import org.cmppgw.gateway.intake.MessageIntake;
import org.cmppgw.gateway.intake.Outcome;
import org.cmppgw.gateway.intake.SendBatchRequest;
import org.cmppgw.gateway.intake.SendOneRequest;
import org.cmppgw.gateway.metrics.GatewayMetrics;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * {@code POST /v1/messages} and {@code POST /v1/messages/batch}: parse, admit, hand to the {@link MessageIntake} and
 * answer once it has made the messages durable. The body is read before this returns (the caller may release it);
 * the answer is built on the connection's event loop when the intake's future completes, wherever that happens.
 */
final class MessagesEndpoint {
    static final String SEND_ONE_LABEL = "messages";
    static final String SEND_BATCH_LABEL = "messages_batch";
    /** The answer to a send whose messages the store had not taken within {@code server.acceptTimeout}. */
    static final String WITHDRAWN_MESSAGE = IntakeGate.WITHDRAWN_MESSAGE;

    private final RequestBodies bodies;
    private final MessageAdmission admission;
    private final IntakeGate gate;
    private final JsonResponses json;
    private final GatewayMetrics metrics;

    /**
     * @param acceptTimeout how long a send waits for the intake before its messages are withdrawn (503)
     */
    MessagesEndpoint(RequestBodies bodies, MessageAdmission admission, MessageIntake intake, JsonResponses json,
                     GatewayMetrics metrics, LongSupplier nanoClock, Duration acceptTimeout) {
        this.bodies = bodies;
        this.admission = admission;
        this.gate = new IntakeGate(intake, metrics, json, acceptTimeout, nanoClock);
        this.json = json;
        this.metrics = metrics;
    }

    /** The resource's routes. */
    List<ApiRoute> routes() {
        return List.of(new ApiRoute(HttpMethod.POST, "/v1/messages", BodyRule.JSON, SEND_ONE_LABEL, this::sendOne),
            new ApiRoute(HttpMethod.POST, "/v1/messages/batch", BodyRule.JSON, SEND_BATCH_LABEL, this::sendBatch));
    }

    private CompletableFuture<ApiReply> sendOne(ApiRequest request) {
        ByteBufAllocator alloc = request.alloc();
        Outcome<SendOneRequest> parsed = bodies.sendOne(request.body());
        if (!parsed.isOk()) {
            return done(json.error(alloc, parsed));
        }
        Outcome<AcceptedMessage> admitted = admission.admitOne(request.app().rules(), parsed.value());
        if (!admitted.isOk()) {
            return done(json.error(alloc, admitted));
        }
        return submit(List.of(admitted.value()), request.loop(), ids -> {
            ApiError refusal = MessageIntake.refusal(ids[0]);
            if (refusal != null) {
                return json.error(alloc, refusal, refusal.message());
            }
            metrics.messagesAccepted(SEND_ONE_LABEL, 1);
            return json.msgId(alloc, ids[0]);
        }, alloc);
    }

    private CompletableFuture<ApiReply> sendBatch(ApiRequest request) {
        ByteBufAllocator alloc = request.alloc();
        Outcome<SendBatchRequest> parsed = bodies.sendBatch(request.body());
        if (!parsed.isOk()) {
            return done(json.error(alloc, parsed));
        }
        Outcome<BatchAdmission> admitted = admission.admitBatch(request.app().rules(), parsed.value());
        if (!admitted.isOk()) {
            return done(json.error(alloc, admitted));
        }
        BatchAdmission batch = admitted.value();
        for (BatchAdmission.Failure failure : batch.failures()) {
            metrics.recipientsRejected(SEND_BATCH_LABEL, failure.error().code(), 1);
        }
        if (batch.accepted().isEmpty()) {
            return done(json.batch(alloc, batch, new long[0]));
        }
        return submit(batch.accepted(), request.loop(), ids -> {
            BatchAdmission.Stored stored = batch.stored(ids);
            List<BatchAdmission.Failure> failures = stored.admission().failures();
            for (int i = batch.failures().size(); i < failures.size(); i++) {
                metrics.recipientsRejected(SEND_BATCH_LABEL, failures.get(i).error().code(), 1);
            }
            metrics.messagesAccepted(SEND_BATCH_LABEL, stored.msgIds().length);
            return json.batch(alloc, stored.admission(), stored.msgIds());
        }, alloc);
    }

    /** What to answer once the intake gave the ids. */
    private interface Answer {
        ApiReply with(long[] ids);
    }

    private CompletableFuture<ApiReply> submit(List<AcceptedMessage> messages, EventExecutor loop, Answer answer,
                                               ByteBufAllocator alloc) {
        return gate.accept(messages, loop).handleAsync((result, failure) -> {
            if (failure == null && result != null && result.length == messages.size()) {
                return answer.with(result);
            }
            return gate.failure(alloc, failure != null ? "api - intake failed to accept " + messages.size()
                + " messages" : "api - intake answered " + (result == null ? 0 : result.length) + " ids for "
                + messages.size() + " messages", failure);
        }, loop);
    }

    private static CompletableFuture<ApiReply> done(ApiReply reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
