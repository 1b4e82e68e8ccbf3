package org.cmppgw.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.netty.handler.codec.http.HttpMethod;
import org.cmppgw.gateway.email.EmailService;
import org.cmppgw.gateway.email.EmailTemplate;
import org.cmppgw.gateway.email.EmailTemplateRequest;
import org.cmppgw.gateway.email.EmailTemplates;
import org.cmppgw.gateway.email.TemplateFilling;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.Outcome;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * {@code /v1/email_templates} (docs/api.md "Email templates", a documented extension shaped like
 * {@code /v1/templates}): create, replace, read and delete an app's email templates. Auto-approved, so a read has no
 * review status. The rules are {@link TemplateFilling#check}; the work runs on the email store threads.
 */
final class EmailTemplatesEndpoint {
    private static final String TEMP_ID = TemplatesEndpoint.TEMP_ID;

    private final RequestBodies bodies;
    private final EmailService emails;
    private final JsonResponses json;
    private final Clock clock;

    /** A template as {@code GET} answers it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Shown(@JsonProperty("temp_id") long tempId, @JsonProperty("subject") String subject,
                 @JsonProperty("text") String text, @JsonProperty("html") String html) {
        static Shown of(EmailTemplate t) {
            return new Shown(t.id(), t.subject(), t.text(), t.html());
        }
    }

    EmailTemplatesEndpoint(RequestBodies bodies, EmailService emails, JsonResponses json, Clock clock) {
        this.bodies = bodies;
        this.emails = emails;
        this.json = json;
        this.clock = clock;
    }

    List<ApiRoute> routes() {
        return List.of(
            new ApiRoute(HttpMethod.POST, "/v1/email_templates", BodyRule.JSON, "email_templates_create",
                this::create),
            new ApiRoute(HttpMethod.PUT, "/v1/email_templates/{temp_id}", BodyRule.JSON, "email_templates_update",
                this::update),
            new ApiRoute(HttpMethod.GET, "/v1/email_templates/{temp_id}", BodyRule.NONE, "email_templates_get",
                this::get),
            new ApiRoute(HttpMethod.DELETE, "/v1/email_templates/{temp_id}", BodyRule.NONE,
                "email_templates_delete", this::delete));
    }

    private CompletableFuture<ApiReply> create(ApiRequest request) {
        Outcome<EmailTemplateRequest> checked = read(request);
        if (!checked.isOk()) {
            return TemplatesEndpoint.done(json.error(request.alloc(), checked));
        }
        long now = clock.millis();
        return run(request, t -> Outcome.ok(Map.of(TEMP_ID, t.create(request.app().appKey(), checked.value(),
            now))));
    }

    private CompletableFuture<ApiReply> update(ApiRequest request) {
        long id = TemplatesEndpoint.id(request.pathParam(TEMP_ID));
        if (id < 0) {
            return invalidId(request);
        }
        Outcome<EmailTemplateRequest> checked = read(request);
        if (!checked.isOk()) {
            return TemplatesEndpoint.done(json.error(request.alloc(), checked));
        }
        long now = clock.millis();
        return run(request, t -> t.update(request.app().appKey(), id, checked.value(), now)
            ? Outcome.ok(Map.of(TEMP_ID, id)) : Outcome.fail(ApiError.INVALID_TEMP_ID));
    }

    private CompletableFuture<ApiReply> get(ApiRequest request) {
        long id = TemplatesEndpoint.id(request.pathParam(TEMP_ID));
        if (id < 0) {
            return invalidId(request);
        }
        return run(request, t -> {
            EmailTemplate found = t.find(request.app().appKey(), id);
            return found == null ? Outcome.fail(ApiError.INVALID_TEMP_ID) : Outcome.ok(Shown.of(found));
        });
    }

    private CompletableFuture<ApiReply> delete(ApiRequest request) {
        long id = TemplatesEndpoint.id(request.pathParam(TEMP_ID));
        if (id < 0) {
            return invalidId(request);
        }
        return run(request, t -> t.delete(request.app().appKey(), id) ? Outcome.ok(Map.of())
            : Outcome.fail(ApiError.INVALID_TEMP_ID));
    }

    private Outcome<EmailTemplateRequest> read(ApiRequest request) {
        Outcome<EmailTemplateRequest> parsed = bodies.read(EmailTemplateRequest.class, request.body());
        return parsed.isOk() ? TemplateFilling.check(parsed.value()) : parsed;
    }

    /** Runs {@code work} on the store threads and answers on the connection's loop. */
    private CompletableFuture<ApiReply> run(ApiRequest request, Function<EmailTemplates, Outcome<?>> work) {
        CompletableFuture<Outcome<?>> done;
        try {
            done = emails.templates(work);
        } catch (RejectedExecutionException e) {
            return TemplatesEndpoint.done(json.error(request.alloc(), ApiError.SERVER_BUSY,
                ApiError.SERVER_BUSY.message()));
        }
        return done.handleAsync((outcome, failure) -> {
            if (failure != null) {
                return json.error(request.alloc(), ApiError.SERVER_ERROR, ApiError.SERVER_ERROR.message());
            }
            return outcome.isOk() ? json.ok(request.alloc(), outcome.value()) : json.error(request.alloc(), outcome);
        }, request.loop());
    }

    private CompletableFuture<ApiReply> invalidId(ApiRequest request) {
        return TemplatesEndpoint.done(json.error(request.alloc(), ApiError.INVALID_TEMP_ID,
            ApiError.INVALID_TEMP_ID.message()));
    }
}
