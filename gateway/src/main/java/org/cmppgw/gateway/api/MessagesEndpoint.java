package org.cmppgw.gateway.api;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpMethod;
import org.cmppgw.gateway.clicks.ClickLinks;
import org.cmppgw.gateway.clicks.ClickTracking;
import org.cmppgw.gateway.clicks.TrackedLink;
import org.cmppgw.gateway.intake.AcceptedMessage;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.BatchAdmission;
import org.cmppgw.gateway.intake.MessageAdmission;
import org.cmppgw.gateway.intake.MessageIntake;
import org.cmppgw.gateway.intake.Outcome;
import org.cmppgw.gateway.intake.SendBatchRequest;
import org.cmppgw.gateway.intake.SendOneRequest;
import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.cmppgw.gateway.model.Channel;
import org.cmppgw.gateway.persistence.AcceptHook;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * {@code POST /v1/messages} and {@code POST /v1/messages/batch}: parse, admit, hand to the {@link MessageIntake} and
 * answer once it has made the messages durable, or at {@code server.acceptTimeout} ({@link IntakeGate}). A request
 * with an {@code Idempotency-Key} goes through {@link IdempotentSends} (docs/api.md "When the database is slow or
 * down"). The body is read before this returns (the caller may release it); the answer is built on the connection's
 * event loop when the intake's future completes, wherever that happens.
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
    private final IdempotentSends idempotent;
    /** Click tracking, or null when it is off (a send asking for it is refused, 50501). */
    private final ClickTracking clicks;

    /**
     * Without a store for {@code Idempotency-Key}s: a request with one is refused (50007).
     *
     * @param acceptTimeout how long a send waits for the intake before its messages are withdrawn (503)
     */
    MessagesEndpoint(RequestBodies bodies, MessageAdmission admission, MessageIntake intake, JsonResponses json,
                     GatewayMetrics metrics, LongSupplier nanoClock, Duration acceptTimeout) {
        this(bodies, admission, intake, json, metrics, nanoClock, acceptTimeout,
            new IdempotentSends(null, json, Clock.systemUTC(), nanoClock, acceptTimeout));
    }

    /**
     * @param acceptTimeout how long a send waits for the intake before its messages are withdrawn (503)
     * @param idempotent    serves the {@code Idempotency-Key} header
     */
    MessagesEndpoint(RequestBodies bodies, MessageAdmission admission, MessageIntake intake, JsonResponses json,
                     GatewayMetrics metrics, LongSupplier nanoClock, Duration acceptTimeout,
                     IdempotentSends idempotent) {
        this(bodies, admission, intake, json, metrics, nanoClock, acceptTimeout, idempotent, null);
    }

    /**
     * @param acceptTimeout how long a send waits for the intake before its messages are withdrawn (503)
     * @param idempotent    serves the {@code Idempotency-Key} header
     * @param clicks        rewrites the links of sends with {@code track_links} (docs/api.md "Click tracking"); null
     *                      when click tracking is off
     */
    MessagesEndpoint(RequestBodies bodies, MessageAdmission admission, MessageIntake intake, JsonResponses json,
                     GatewayMetrics metrics, LongSupplier nanoClock, Duration acceptTimeout,
                     IdempotentSends idempotent, ClickTracking clicks) {
        this.clicks = clicks;
        this.idempotent = idempotent;
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
        return idempotent.serve(request, this::sendOne);
    }

    private CompletableFuture<ApiReply> sendOne(ApiRequest request, IdempotentSends.Claim claim) {
        ByteBufAllocator alloc = request.alloc();
        Outcome<SendOneRequest> parsed = bodies.sendOne(request.body());
        if (!parsed.isOk()) {
            return done(json.error(alloc, parsed));
        }
        SendOneRequest one = parsed.value();
        ClickLinks.Message links = null;
        if (one.tracksLinks()) {
            if (clicks == null) {
                return done(json.error(alloc, ApiError.CLICK_TRACKING_OFF, ApiError.CLICK_TRACKING_OFF.message()));
            }
            // before admission: the rewritten text is the one checked, measured and sent
            links = clicks.links().message();
            one = one.withTempPara(links.params(one.tempPara()));
        }
        Outcome<AcceptedMessage> admitted = admission.admitOne(request.app().rules(), one);
        if (!admitted.isOk()) {
            return done(json.error(alloc, admitted));
        }
        AcceptHook tracked = links == null || links.links().isEmpty() ? null
            : linksHook(List.of(admitted.value()), List.of(links.links()));
        IdempotentSends.Reply reply = (replyAlloc, ids) -> {
            ApiError refusal = MessageIntake.refusal(ids[0]);
            return refusal != null ? json.error(replyAlloc, refusal, refusal.message())
                : json.msgId(replyAlloc, ids[0]);
        };
        return submit(List.of(admitted.value()), request, claim, reply, ids -> {
            if (MessageIntake.refusal(ids[0]) == null) {
                metrics.messagesAccepted(SEND_ONE_LABEL, 1);
            }
        }, tracked);
    }

    private CompletableFuture<ApiReply> sendBatch(ApiRequest request) {
        return idempotent.serve(request, this::sendBatch);
    }

    private CompletableFuture<ApiReply> sendBatch(ApiRequest request, IdempotentSends.Claim claim) {
        ByteBufAllocator alloc = request.alloc();
        Outcome<SendBatchRequest> parsed = bodies.sendBatch(request.body());
        if (!parsed.isOk()) {
            return done(json.error(alloc, parsed));
        }
        SendBatchRequest sent = parsed.value();
        Map<Map<String, String>, List<TrackedLink>> linksByParams = null;
        if (sent.tracksLinks()) {
            if (clicks == null) {
                return done(json.error(alloc, ApiError.CLICK_TRACKING_OFF, ApiError.CLICK_TRACKING_OFF.message()));
            }
            linksByParams = new IdentityHashMap<>();
            sent = trackLinks(sent, linksByParams);
        }
        Outcome<BatchAdmission> admitted = admission.admitBatch(request.app().rules(), sent);
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
        IdempotentSends.Reply reply = (replyAlloc, ids) -> {
            BatchAdmission.Stored stored = batch.stored(ids);
            return json.batch(replyAlloc, stored.admission(), stored.msgIds());
        };
        AcceptHook tracked = null;
        if (linksByParams != null && !linksByParams.isEmpty()) {
            List<List<TrackedLink>> links = new ArrayList<>(batch.accepted().size());
            for (Map<String, String> params : batch.acceptedParams()) {
                links.add(linksByParams.getOrDefault(params, List.of()));
            }
            tracked = linksHook(batch.accepted(), links);
        }
        return submit(batch.accepted(), request, claim, reply, ids -> {
            BatchAdmission.Stored stored = batch.stored(ids);
            List<BatchAdmission.Failure> failures = stored.admission().failures();
            for (int i = batch.failures().size(); i < failures.size(); i++) {
                metrics.recipientsRejected(SEND_BATCH_LABEL, failures.get(i).error().code(), 1);
            }
            metrics.messagesAccepted(SEND_BATCH_LABEL, stored.msgIds().length);
        }, tracked);
    }

    /**
     * The batch with each recipient's links replaced; {@code linksByParams} gets the links of each recipient's new
     * {@code temp_para} (by identity: admission hands the accepted recipients' maps back as they are).
     */
    private SendBatchRequest trackLinks(SendBatchRequest batch,
                                        Map<Map<String, String>, List<TrackedLink>> linksByParams) {
        List<SendBatchRequest.Recipient> recipients = batch.recipients();
        if (recipients == null || recipients.size() > SendBatchRequest.MAX_RECIPIENTS) {
            return batch;
        }
        List<SendBatchRequest.Recipient> rewritten = new ArrayList<>(recipients.size());
        for (SendBatchRequest.Recipient r : recipients) {
            if (r == null || r.tempPara() == null) {
                rewritten.add(r);
                continue;
            }
            ClickLinks.Message message = clicks.links().message();
            Map<String, String> params = message.params(r.tempPara());
            if (!message.links().isEmpty()) {
                linksByParams.put(params, message.links());
            }
            rewritten.add(new SendBatchRequest.Recipient(r.mobile(), params));
        }
        return batch.withRecipients(rewritten);
    }

    /** Stores {@code links.get(i)}, the tracked links of {@code messages.get(i)}, in the accept's transaction. */
    private AcceptHook linksHook(List<AcceptedMessage> messages, List<List<TrackedLink>> links) {
        List<String> callbackUrls = new ArrayList<>(messages.size());
        for (AcceptedMessage message : messages) {
            callbackUrls.add(message.callbackUrl());
        }
        return clicks.store().links(messages.get(0).appKey(), Channel.SMS, links, callbackUrls,
            messages.get(0).acceptedAt().toEpochMilli());
    }

    private CompletableFuture<ApiReply> submit(List<AcceptedMessage> messages, ApiRequest request,
                                               IdempotentSends.Claim claim, IdempotentSends.Reply reply,
                                               Consumer<long[]> count, AcceptHook tracked) {
        ByteBufAllocator alloc = request.alloc();
        return gate.accept(messages, request.loop(), claim, reply, null, tracked).handleAsync((result, failure) -> {
            if (failure == null && result != null && result.length == messages.size()) {
                count.accept(result);
                return reply.to(alloc, result);
            }
            return gate.failure(alloc, failure != null ? "api - intake failed to accept " + messages.size()
                + " messages" : "api - intake answered " + (result == null ? 0 : result.length) + " ids for "
                + messages.size() + " messages", failure);
        }, request.loop());
    }

    private static CompletableFuture<ApiReply> done(ApiReply reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
