package org.cmppgw.gateway.api;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpMethod;
import org.cmppgw.gateway.codes.CodeCheck;
import org.cmppgw.gateway.codes.VerificationCodes;
import org.cmppgw.gateway.intake.AcceptedMessage;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.CheckCodeRequest;
import org.cmppgw.gateway.intake.MessageAdmission;
import org.cmppgw.gateway.intake.MessageIntake;
import org.cmppgw.gateway.intake.Outcome;
import org.cmppgw.gateway.intake.SendOneRequest;
import org.cmppgw.gateway.intake.TemplateCatalog;
import org.cmppgw.gateway.intake.VoiceCodeAdmission;
import org.cmppgw.gateway.intake.VoiceCodeRequest;
import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.cmppgw.gateway.model.StoredTemplate;
import org.cmppgw.gateway.model.TemplateType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * {@code POST /v1/codes}, {@code POST /v1/codes/{msg_id}/valid} and {@code POST /v1/voice_codes} (docs/api.md
 * "Verification codes", "Voice codes"). A code is generated, rendered into the code template's {@code {{code}}},
 * admitted like any single send and made durable by the {@link MessageIntake}; then its hash is stored with expiry
 * accept time + the template's ttl, and only then is the msg_id answered, so a client never holds a msg_id whose code
 * cannot be checked. Should storing the hash fail after the message was accepted, the answer is 500 and the message
 * still goes out (its code then reads as 50026): the intake cannot be undone, and failing loud beats a silent gap.
 * The hash is stored after a successful accept even when the client was answered at {@code server.acceptTimeout}
 * ({@link IntakeGate}); an {@code Idempotency-Key} is served as on {@code /v1/messages} ({@link IdempotentSends}).
 */
final class CodesEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(CodesEndpoint.class);
    static final String SEND_LABEL = "codes";
    static final String CHECK_LABEL = "codes_valid";
    static final String VOICE_LABEL = "voice_codes";
    static final String CODE_VARIABLE = "code";

    private final RequestBodies bodies;
    private final MessageAdmission admission;
    private final IntakeGate gate;
    private final VerificationCodes codes;
    private final TemplateCatalog templates;
    private final JsonResponses json;
    private final GatewayMetrics metrics;
    private final IdempotentSends idempotent;

    CodesEndpoint(RequestBodies bodies, MessageAdmission admission, MessageIntake intake, VerificationCodes codes,
                  TemplateCatalog templates, JsonResponses json, GatewayMetrics metrics, LongSupplier nanoClock,
                  Duration acceptTimeout, IdempotentSends idempotent) {
        this.idempotent = idempotent;
        this.bodies = bodies;
        this.admission = admission;
        this.gate = new IntakeGate(intake, metrics, json, acceptTimeout, nanoClock);
        this.codes = codes;
        this.templates = templates;
        this.json = json;
        this.metrics = metrics;
    }

    List<ApiRoute> routes() {
        return List.of(new ApiRoute(HttpMethod.POST, "/v1/codes", BodyRule.JSON, SEND_LABEL, this::send),
            new ApiRoute(HttpMethod.POST, "/v1/codes/{msg_id}/valid", BodyRule.JSON, CHECK_LABEL, this::check),
            new ApiRoute(HttpMethod.POST, "/v1/voice_codes", BodyRule.JSON, VOICE_LABEL, this::voice));
    }

    private CompletableFuture<ApiReply> send(ApiRequest request) {
        return idempotent.serve(request, this::send);
    }

    private CompletableFuture<ApiReply> send(ApiRequest request, IdempotentSends.Claim claim) {
        ByteBufAllocator alloc = request.alloc();
        Outcome<SendOneRequest> parsed = bodies.sendOne(request.body());
        if (!parsed.isOk()) {
            return done(json.error(alloc, parsed));
        }
        SendOneRequest body = parsed.value();
        if (body.tempId() != null && body.mobile() != null && !body.mobile().isBlank()) {
            StoredTemplate template = templates.template(request.app().appKey(), body.tempId());
            if (template != null && template.type() != TemplateType.CODE) {
                return done(json.error(alloc, ApiError.WRONG_TEMPLATE_TYPE, ApiError.WRONG_TEMPLATE_TYPE.message()
                    + ": template " + template.id() + " is " + template.type().name().toLowerCase(Locale.ROOT)
                    + " (expected: a code template)"));
            }
        }
        String code = codes.newCode();
        Outcome<AcceptedMessage> admitted = admission.admitOne(request.app().rules(), new SendOneRequest(body.mobile(),
            body.tempId(), Map.of(CODE_VARIABLE, code), body.signId(), body.callbackUrl()));
        if (!admitted.isOk()) {
            return done(json.error(alloc, admitted));
        }
        AcceptedMessage message = admitted.value();
        StoredTemplate template = templates.template(message.appKey(), message.templateId());
        if (template == null) {
            // removed between admission and here (another request deleted it): as if it had never been there
            return done(json.error(alloc, ApiError.INVALID_TEMP_ID, ApiError.INVALID_TEMP_ID.message()));
        }
        Instant expiresAt = message.acceptedAt().plusSeconds(template.ttl());
        CompletableFuture<ApiReply> answer = new CompletableFuture<>();
        IdempotentSends.Reply reply = (replyAlloc, ids) -> {
            ApiError refused = MessageIntake.refusal(ids[0]);
            return refused != null ? json.error(replyAlloc, refused, refused.message())
                : json.msgId(replyAlloc, ids[0]);
        };
        gate.accept(List.of(message), request.loop(), claim, reply,
                msgIds -> msgIds[0] < 0 ? CompletableFuture.completedFuture(msgIds)
                    : codes.save(msgIds[0], message.appKey(), code, expiresAt).thenApply(saved -> msgIds))
            .thenApply(msgIds -> msgIds[0])
            .whenCompleteAsync((msgId, error) -> {
                ApiError refused = error == null ? MessageIntake.refusal(msgId) : null;
                if (refused != null) {
                    // a per-mobile rule of the store refused it (50009, 50034): not sent, no code kept
                    answer.complete(json.error(alloc, refused, refused.message()));
                } else if (error == null) {
                    metrics.messagesAccepted(SEND_LABEL, 1);
                    answer.complete(json.msgId(alloc, msgId));
                } else {
                    answer.complete(gate.failure(alloc, "api - sending a verification code failed", error));
                }
            }, request.loop());
        return answer;
    }

    private CompletableFuture<ApiReply> check(ApiRequest request) {
        ByteBufAllocator alloc = request.alloc();
        Outcome<CheckCodeRequest> parsed = bodies.checkCode(request.body());
        if (!parsed.isOk()) {
            return done(json.error(alloc, parsed));
        }
        String code = parsed.value().code();
        if (code == null || code.isEmpty()) {
            return done(json.error(alloc, ApiError.MISSING_CODE, ApiError.MISSING_CODE.message()));
        }
        long msgId;
        try {
            msgId = Long.parseUnsignedLong(request.pathParam("msg_id"));
        } catch (NumberFormatException e) {
            return done(json.error(alloc, ApiError.WRONG_MSG_ID, ApiError.WRONG_MSG_ID.message()
                + ": not a msg_id (expected: decimal digits)"));
        }
        CompletableFuture<ApiReply> answer = new CompletableFuture<>();
        codes.check(request.app().appKey(), msgId, code).whenCompleteAsync((result, error) -> answer.complete(
                error != null ? gate.failure(alloc, "api - checking a verification code failed", error)
                    : checked(alloc, result)),
            request.loop());
        return answer;
    }

    private ApiReply checked(ByteBufAllocator alloc, CodeCheck result) {
        ApiError error = switch (result) {
            case VALID -> null;
            case INVALID -> ApiError.INVALID_CODE;
            case EXPIRED -> ApiError.EXPIRED_CODE;
            case VERIFIED -> ApiError.VERIFIED_CODE;
            case UNKNOWN -> ApiError.WRONG_MSG_ID;
        };
        return error == null ? json.valid(alloc) : json.error(alloc, error, error.message());
    }

    private CompletableFuture<ApiReply> voice(ApiRequest request) {
        Outcome<VoiceCodeRequest> parsed = bodies.voiceCode(request.body());
        if (!parsed.isOk()) {
            return done(json.error(request.alloc(), parsed));
        }
        return done(json.error(request.alloc(), VoiceCodeAdmission.admit(parsed.value())));
    }

    private static CompletableFuture<ApiReply> done(ApiReply reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
