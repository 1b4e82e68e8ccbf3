package org.cmppgw.gateway.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.handler.codec.http.HttpMethod;
import org.cmppgw.gateway.email.EmailService;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.Outcome;
import org.cmppgw.gateway.model.WithdrawOutcome;
import org.cmppgw.gateway.persistence.Withdrawals;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * Withdraw (docs/api.md "Withdraw"): {@code DELETE /v1/messages/{msg_id}}, {@code POST /v1/messages/withdraw} for up
 * to {@value #MAX_IDS} ids at once, and {@code DELETE /v1/emails/{email_id}}. Each id is answered with a
 * {@code result} ({@link WithdrawOutcome#label()}); an id that names no message of the app is answered 50026. Only
 * {@code withdrawn} cancelled anything: the message is final FAILED {@code GW:WITHDRAWN} with its callback.
 */
final class WithdrawEndpoint {
    static final int MAX_IDS = 1_000;
    private static final String MSG_ID = "msg_id";
    private static final String EMAIL_ID = "email_id";

    private final RequestBodies bodies;
    private final Withdrawals messages;
    private final EmailService emails;
    private final JsonResponses json;
    private final Clock clock;

    /**
     * @param messages SMS withdraws, or null (not served)
     * @param emails   email withdraws, or null (not served)
     */
    WithdrawEndpoint(RequestBodies bodies, Withdrawals messages, EmailService emails, JsonResponses json,
                     Clock clock) {
        this.bodies = bodies;
        this.messages = messages;
        this.emails = emails;
        this.json = json;
        this.clock = clock;
    }

    List<ApiRoute> routes() {
        List<ApiRoute> routes = new ArrayList<>();
        if (messages != null) {
            routes.add(new ApiRoute(HttpMethod.DELETE, "/v1/messages/{msg_id}", BodyRule.NONE, "messages_withdraw",
                this::withdrawOne));
            routes.add(new ApiRoute(HttpMethod.POST, "/v1/messages/withdraw", BodyRule.JSON, "messages_withdraw_batch",
                this::withdrawMany));
        }
        if (emails != null) {
            routes.add(new ApiRoute(HttpMethod.DELETE, "/v1/emails/{email_id}", BodyRule.NONE, "emails_withdraw",
                this::withdrawEmail));
        }
        return routes;
    }

    private CompletableFuture<ApiReply> withdrawOne(ApiRequest request) {
        long id = id(request.pathParam(MSG_ID));
        if (id < 0) {
            return wrongId(request);
        }
        return answerOne(request, MSG_ID, id, messages.withdraw(id, request.app().appKey()));
    }

    private CompletableFuture<ApiReply> withdrawEmail(ApiRequest request) {
        long id = id(request.pathParam(EMAIL_ID));
        if (id < 0) {
            return wrongId(request);
        }
        CompletableFuture<WithdrawOutcome> outcome;
        try {
            outcome = emails.withdraw(id, request.app().appKey(), clock.millis());
        } catch (RejectedExecutionException e) {
            return TemplatesEndpoint.done(json.error(request.alloc(), ApiError.SERVER_BUSY,
                ApiError.SERVER_BUSY.message()));
        }
        return answerOne(request, EMAIL_ID, id, outcome);
    }

    private CompletableFuture<ApiReply> withdrawMany(ApiRequest request) {
        Outcome<WithdrawRequest> parsed = bodies.read(WithdrawRequest.class, request.body());
        if (!parsed.isOk()) {
            return TemplatesEndpoint.done(json.error(request.alloc(), parsed));
        }
        List<String> given = parsed.value().msgIds();
        if (given == null || given.isEmpty() || given.size() > MAX_IDS) {
            return TemplatesEndpoint.done(json.error(request.alloc(), ApiError.INVALID_BODY,
                "invalid body: msg_ids must hold 1.." + MAX_IDS + " ids"));
        }
        List<CompletableFuture<WithdrawOutcome>> outcomes = new ArrayList<>(given.size());
        for (String value : given) {
            long id = id(value);
            outcomes.add(id < 0 ? CompletableFuture.completedFuture(WithdrawOutcome.UNKNOWN)
                : messages.withdraw(id, request.app().appKey()));
        }
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).handleAsync((done, failure) -> {
            if (failure != null) {
                return json.error(request.alloc(), ApiError.SERVER_ERROR, ApiError.SERVER_ERROR.message());
            }
            return json.ok(request.alloc(), g -> {
                g.writeStartObject();
                g.writeArrayFieldStart("results");
                for (int i = 0; i < given.size(); i++) {
                    writeResult(g, MSG_ID, given.get(i), outcomes.get(i).join());
                }
                g.writeEndArray();
                g.writeEndObject();
            });
        }, request.loop());
    }

    private CompletableFuture<ApiReply> answerOne(ApiRequest request, String field, long id,
                                                  CompletableFuture<WithdrawOutcome> work) {
        return work.handleAsync((outcome, failure) -> {
            if (failure != null) {
                return json.error(request.alloc(), ApiError.SERVER_ERROR, ApiError.SERVER_ERROR.message());
            }
            if (outcome == WithdrawOutcome.UNKNOWN) {
                return json.error(request.alloc(), ApiError.WRONG_MSG_ID, ApiError.WRONG_MSG_ID.message());
            }
            return json.ok(request.alloc(), g -> {
                g.writeStartObject();
                writeFields(g, field, Long.toString(id), outcome);
                g.writeEndObject();
            });
        }, request.loop());
    }

    private static void writeResult(JsonGenerator g, String field, String id, WithdrawOutcome outcome)
            throws IOException {
        g.writeStartObject();
        writeFields(g, field, id, outcome);
        if (outcome == WithdrawOutcome.UNKNOWN) {
            g.writeObjectFieldStart("error");
            g.writeNumberField("code", ApiError.WRONG_MSG_ID.code());
            g.writeStringField("message", ApiError.WRONG_MSG_ID.message());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void writeFields(JsonGenerator g, String field, String id, WithdrawOutcome outcome)
            throws IOException {
        g.writeStringField(field, id);
        g.writeStringField("result", outcome.label());
    }

    private CompletableFuture<ApiReply> wrongId(ApiRequest request) {
        return TemplatesEndpoint.done(json.error(request.alloc(), ApiError.WRONG_MSG_ID,
            ApiError.WRONG_MSG_ID.message()));
    }

    /** A message or email id: a positive decimal long; -1 when it is anything else. */
    static long id(String value) {
        if (value == null || value.isEmpty() || value.length() > 19) {
            return -1;
        }
        try {
            long id = Long.parseLong(value);
            return id > 0 ? id : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
