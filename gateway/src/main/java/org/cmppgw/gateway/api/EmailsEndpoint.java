package org.cmppgw.gateway.api;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpMethod;
import org.cmppgw.gateway.email.EmailRequest;
import org.cmppgw.gateway.email.EmailRules;
import org.cmppgw.gateway.email.EmailService;
import org.cmppgw.gateway.email.EmailTemplate;
import org.cmppgw.gateway.email.NewEmail;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.Outcome;
import org.cmppgw.gateway.logging.LogThrottle;
import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /v1/emails} (docs/api.md "Emails"): parse, fill in an email template when {@code temp_id} names one
 * (docs/api.md "Email templates"), check, store one row per recipient and answer once they are
 * durable, with an {@code email_id} per {@code to} recipient in request order:
 * {@code {"recipients":[{"email_id":"1234","to":"a@example.com"}]}}. Served only when email providers are configured.
 */
final class EmailsEndpoint {
    static final String LABEL = "emails";
    private static final Logger LOG = LoggerFactory.getLogger(EmailsEndpoint.class);

    private final RequestBodies bodies;
    private final EmailRules rules;
    private final EmailService emails;
    private final JsonResponses json;
    private final GatewayMetrics metrics;
    private final LogThrottle failureLog = new LogThrottle(TimeUnit.SECONDS.toNanos(10), System::nanoTime);

    EmailsEndpoint(RequestBodies bodies, EmailRules rules, EmailService emails, JsonResponses json,
                   GatewayMetrics metrics) {
        this.bodies = bodies;
        this.rules = rules;
        this.emails = emails;
        this.json = json;
        this.metrics = metrics;
    }

    List<ApiRoute> routes() {
        return List.of(new ApiRoute(HttpMethod.POST, "/v1/emails", BodyRule.JSON, LABEL, this::send));
    }

    private CompletableFuture<ApiReply> send(ApiRequest request) {
        ByteBufAllocator alloc = request.alloc();
        Outcome<EmailRequest> parsed = bodies.read(EmailRequest.class, request.body());
        if (!parsed.isOk()) {
            return CompletableFuture.completedFuture(json.error(alloc, parsed));
        }
        EmailRequest given = parsed.value();
        if (given.tracksLinks() && !emails.tracksClicks()) {
            return CompletableFuture.completedFuture(json.error(alloc, ApiError.CLICK_TRACKING_OFF,
                ApiError.CLICK_TRACKING_OFF.message()));
        }
        if (given.tempId() == null) {
            return store(request, rules.admit(request.app().rules(), given));
        }
        if (given.subject() != null || given.text() != null || given.html() != null) {
            return CompletableFuture.completedFuture(json.error(alloc, ApiError.INVALID_BODY,
                "invalid body: temp_id replaces subject, text and html"));
        }
        CompletableFuture<EmailTemplate> template;
        try {
            template = emails.templates(t -> t.find(request.app().appKey(), given.tempId()));
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(json.error(alloc, ApiError.SERVER_BUSY,
                ApiError.SERVER_BUSY.message()));
        }
        return template.handleAsync((found, failure) -> {
            if (failure != null) {
                return CompletableFuture.completedFuture(json.error(alloc, ApiError.SERVER_ERROR,
                    ApiError.SERVER_ERROR.message()));
            }
            if (found == null) {
                return CompletableFuture.completedFuture(json.error(alloc, ApiError.INVALID_TEMP_ID,
                    ApiError.INVALID_TEMP_ID.message()));
            }
            Outcome<EmailRequest> filled = fill(given, found);
            return filled.isOk() ? store(request, rules.admit(request.app().rules(), filled.value()))
                : CompletableFuture.completedFuture(json.error(alloc, filled));
        }, request.loop()).thenCompose(reply -> reply);
    }

    /** {@code request} with the template's subject and bodies, its variables filled from {@code temp_para}. */
    private static Outcome<EmailRequest> fill(EmailRequest request, EmailTemplate template) {
        Outcome<EmailTemplate.Filled> filled = template.fill(request.tempPara());
        if (!filled.isOk()) {
            return filled.failure();
        }
        EmailTemplate.Filled content = filled.value();
        return Outcome.ok(request.withContent(content.subject(), content.text(), content.html()));
    }

    private CompletableFuture<ApiReply> store(ApiRequest request, Outcome<NewEmail> admitted) {
        ByteBufAllocator alloc = request.alloc();
        if (!admitted.isOk()) {
            metrics.recipientsRejected(LABEL, admitted.error().code(), 1);
            return CompletableFuture.completedFuture(json.error(alloc, admitted));
        }
        NewEmail email = admitted.value();
        CompletableFuture<long[]> stored;
        try {
            stored = emails.accept(email);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(json.error(alloc, ApiError.SERVER_BUSY,
                ApiError.SERVER_BUSY.message()));
        }
        return stored.handleAsync((ids, failure) -> {
            if (failure != null) {
                if (failureLog.tryLog() >= 0) {
                    LOG.warn("api - emails not stored: {}", failure.toString());
                }
                return json.error(alloc, ApiError.SERVER_ERROR, ApiError.SERVER_ERROR.message());
            }
            metrics.messagesAccepted(LABEL, ids.length);
            return json.ok(alloc, g -> {
                g.writeStartObject();
                g.writeArrayFieldStart("recipients");
                for (int i = 0; i < ids.length; i++) {
                    g.writeStartObject();
                    g.writeStringField("email_id", Long.toString(ids[i]));
                    g.writeStringField("to", email.to().get(i));
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            });
        }, request.loop());
    }
}
