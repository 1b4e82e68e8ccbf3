package org.cmppgw.gateway.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.cmppgw.gateway.catalog.CatalogService;
import org.cmppgw.gateway.catalog.CatalogStore;
import org.cmppgw.gateway.catalog.SignatureImage;
import org.cmppgw.gateway.catalog.TemplateRules;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.JsonStringOnly;
import org.cmppgw.gateway.intake.Outcome;
import org.cmppgw.gateway.model.ReviewOutcome;
import org.cmppgw.gateway.model.ReviewStatus;
import org.cmppgw.gateway.model.StoredSignature;
import org.cmppgw.gateway.model.StoredTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The operator's review of what apps submit (docs/api.md "Operator API"): list templates and signatures by status,
 * see a signature's images, approve, or reject with a reason. Each decision is called back to the app
 * ({@code SMS_TEMPLATE} / {@code SMS_SIGN}) and logged with the operator's name (a review is rare and must be
 * traceable).
 */
final class ReviewEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(ReviewEndpoint.class);
    private static final String ID = "id";

    private final RequestBodies bodies;
    private final CatalogService catalog;
    private final JsonResponses json;

    /** The body of a rejection. */
    record Rejection(@JsonProperty("reason") @JsonDeserialize(using = JsonStringOnly.class) String reason) {
    }

    /** A template in the operator's list. */
    record TemplateRow(@JsonProperty("temp_id") long tempId, @JsonProperty("app_key") String appKey,
                       @JsonProperty("template") String template, @JsonProperty("type") int type,
                       @JsonProperty("ttl") int ttl, @JsonProperty("remark") String remark,
                       @JsonProperty("status") int status, @JsonProperty("reason") String reason,
                       @JsonProperty("updated_at") long updatedAt) {
        static TemplateRow of(StoredTemplate t) {
            return new TemplateRow(t.id(), t.appKey(), t.content(), TemplateRules.code(t.type()), t.ttl(), t.remark(),
                t.status().code(), t.reason(), t.updatedAt().toEpochMilli());
        }
    }

    /** A signature in the operator's list. */
    record SignatureRow(@JsonProperty("sign_id") long signId, @JsonProperty("app_key") String appKey,
                        @JsonProperty("sign") String sign, @JsonProperty("type") int type,
                        @JsonProperty("remark") String remark, @JsonProperty("status") int status,
                        @JsonProperty("reason") String reason, @JsonProperty("images") int images,
                        @JsonProperty("updated_at") long updatedAt) {
        static SignatureRow of(StoredSignature s) {
            return new SignatureRow(s.id(), s.appKey(), s.text(), s.type(), s.remark(), s.status().code(), s.reason(),
                s.images(), s.updatedAt().toEpochMilli());
        }
    }

    /** The answer to a decision. */
    record Decided(@JsonProperty("id") long id, @JsonProperty("status") int status,
                   @JsonProperty("reason") String reason) {
    }

    ReviewEndpoint(RequestBodies bodies, CatalogService catalog, JsonResponses json) {
        this.bodies = bodies;
        this.catalog = catalog;
        this.json = json;
    }

    List<ApiRoute> routes() {
        return List.of(
            ApiRoute.operator(HttpMethod.GET, "/operator/v1/templates", BodyRule.NONE, "operator_templates",
                this::listTemplates),
            ApiRoute.operator(HttpMethod.POST, "/operator/v1/templates/{id}/approve", BodyRule.NONE,
                "operator_template_approve", r -> decide(r, CatalogStore.Subject.TEMPLATE, true)),
            ApiRoute.operator(HttpMethod.POST, "/operator/v1/templates/{id}/reject", BodyRule.JSON,
                "operator_template_reject", r -> decide(r, CatalogStore.Subject.TEMPLATE, false)),
            ApiRoute.operator(HttpMethod.GET, "/operator/v1/signs", BodyRule.NONE, "operator_signs",
                this::listSignatures),
            ApiRoute.operator(HttpMethod.GET, "/operator/v1/signs/{id}/images/{image_no}", BodyRule.NONE,
                "operator_sign_image", this::image),
            ApiRoute.operator(HttpMethod.POST, "/operator/v1/signs/{id}/approve", BodyRule.NONE,
                "operator_sign_approve", r -> decide(r, CatalogStore.Subject.SIGNATURE, true)),
            ApiRoute.operator(HttpMethod.POST, "/operator/v1/signs/{id}/reject", BodyRule.JSON,
                "operator_sign_reject", r -> decide(r, CatalogStore.Subject.SIGNATURE, false)));
    }

    private CompletableFuture<ApiReply> listTemplates(ApiRequest request) {
        Outcome<ReviewStatus> status = status(request);
        if (!status.isOk()) {
            return TemplatesEndpoint.done(json.error(request.alloc(), status));
        }
        return catalog.templates(status.value()).thenApplyAsync(rows -> rows.isOk()
            ? json.ok(request.alloc(), Map.of("templates", rows.value().stream().map(TemplateRow::of)
                .toList()))
            : json.error(request.alloc(), rows), request.loop());
    }

    private CompletableFuture<ApiReply> listSignatures(ApiRequest request) {
        Outcome<ReviewStatus> status = status(request);
        if (!status.isOk()) {
            return TemplatesEndpoint.done(json.error(request.alloc(), status));
        }
        return catalog.signatures(status.value()).thenApplyAsync(rows -> rows.isOk()
            ? json.ok(request.alloc(), Map.of("signs", rows.value().stream().map(SignatureRow::of)
                .toList()))
            : json.error(request.alloc(), rows), request.loop());
    }

    private CompletableFuture<ApiReply> image(ApiRequest request) {
        long id = TemplatesEndpoint.id(request.pathParam(ID));
        String no = request.pathParam("image_no");
        int index = no.length() == 1 && no.charAt(0) >= '0' && no.charAt(0) <= '9' ? no.charAt(0) - '0' : -1;
        if (id < 0 || index < 0) {
            return TemplatesEndpoint.done(json.error(request.alloc(), ApiError.INVALID_SIGN_ID,
                ApiError.INVALID_SIGN_ID.message()));
        }
        return catalog.images(id).thenApplyAsync(images -> {
            if (!images.isOk()) {
                return json.error(request.alloc(), images);
            }
            if (index >= images.value().size()) {
                return json.error(request.alloc(), ApiError.INVALID_IMAGE, "invalid image: signature " + id + " has "
                    + images.value().size() + " images");
            }
            SignatureImage image = images.value().get(index);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(image.bytes()));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, image.mediaType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, image.size());
            return new ApiReply(response, ApiError.SUCCESS_CODE);
        }, request.loop());
    }

    private CompletableFuture<ApiReply> decide(ApiRequest request, CatalogStore.Subject subject, boolean approve) {
        long id = TemplatesEndpoint.id(request.pathParam(ID));
        if (id < 0) {
            return TemplatesEndpoint.done(json.error(request.alloc(), subject.notFound(),
                subject.notFound().message()));
        }
        String reason = "";
        if (!approve) {
            Outcome<Rejection> parsed = bodies.read(Rejection.class, request.body());
            if (!parsed.isOk()) {
                return TemplatesEndpoint.done(json.error(request.alloc(), parsed));
            }
            reason = parsed.value().reason() == null ? "" : parsed.value().reason().strip();
            if (reason.isEmpty() || reason.codePointCount(0, reason.length()) > TemplateRules.MAX_REMARK_LENGTH) {
                return TemplatesEndpoint.done(json.error(request.alloc(), ApiError.INVALID_BODY,
                    "invalid body: reason must be 1.." + TemplateRules.MAX_REMARK_LENGTH + " characters"));
            }
        }
        String operator = request.operator();
        return catalog.review(subject, id, approve, reason).thenApplyAsync(outcome -> {
            if (!outcome.isOk()) {
                return json.error(request.alloc(), outcome);
            }
            ReviewOutcome review = outcome.value();
            LOG.info("review - operator {} {} {} {}", operator, review.status().name().toLowerCase(Locale.ROOT),
                subject.name().toLowerCase(Locale.ROOT), id);
            return json.ok(request.alloc(), new Decided(id, review.status().code(), review.reason()));
        }, request.loop());
    }

    private static Outcome<ReviewStatus> status(ApiRequest request) {
        List<String> values;
        try {
            values = request.query().get("status");
        } catch (IllegalArgumentException e) {
            return Outcome.fail(ApiError.INVALID_BODY, "malformed query string");
        }
        if (values == null || values.isEmpty()) {
            return Outcome.ok(ReviewStatus.PENDING);
        }
        return switch (values.get(0)) {
            case "pending" -> Outcome.ok(ReviewStatus.PENDING);
            case "approved" -> Outcome.ok(ReviewStatus.APPROVED);
            case "rejected" -> Outcome.ok(ReviewStatus.REJECTED);
            default -> Outcome.fail(ApiError.INVALID_BODY, "status " + values.get(0)
                + " (expected: pending, approved or rejected)");
        };
    }
}
