package org.cmppgw.gateway.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpMethod;
import org.cmppgw.gateway.callback.JsmsReportStatus;
import org.cmppgw.gateway.config.AppConfig;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.logging.LogThrottle;
import org.cmppgw.gateway.model.CallbackType;
import org.cmppgw.gateway.model.FinalReport;
import org.cmppgw.gateway.model.MoMessage;
import org.cmppgw.gateway.persistence.ReportPulls;
import org.cmppgw.gateway.persistence.StoreOverloadedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * {@code GET /v1/report} and {@code GET /v1/reply} (docs/api.md "Pulls"): an app that takes no callbacks of a type
 * pulls that type instead. Each item is returned once (the store marks it pulled in the same transaction, on every
 * node). An app may pull each type once per {@link #INTERVAL_MILLIS} (50201), counted in the store so the rule holds
 * across the nodes sharing it; a type the app has callbacks for is refused (50202). Items are the callbacks'
 * {@code data} objects, as a JSON array, oldest first.
 */
final class PullsEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(PullsEndpoint.class);
    /** JSMS: one pull per appKey every 5 seconds. */
    static final long INTERVAL_MILLIS = TimeUnit.SECONDS.toMillis(5);
    /** The most items one pull returns; the rest come with the next. */
    static final int MAX_ITEMS = 500;
    static final String REPORT_LABEL = "report";
    static final String REPLY_LABEL = "reply";

    private final ReportPulls pulls;
    private final Map<String, AppConfig> apps;
    private final JsmsReportStatus statuses;
    private final JsonResponses json;
    private final Clock clock;
    private final LogThrottle failureLog;

    /**
     * @param clock     the time of each pull, compared with other nodes' pulls in the store
     * @param nanoClock throttles the failure log
     */
    PullsEndpoint(ReportPulls pulls, List<AppConfig> apps, JsmsReportStatus statuses, JsonResponses json, Clock clock,
                  LongSupplier nanoClock) {
        this.pulls = pulls;
        Map<String, AppConfig> byKey = new HashMap<>();
        apps.forEach(app -> byKey.put(app.appKey(), app));
        this.apps = Map.copyOf(byKey);
        this.statuses = statuses;
        this.json = json;
        this.clock = clock;
        this.failureLog = new LogThrottle(IntakeGate.FAILURE_LOG_INTERVAL_NANOS, nanoClock);
    }

    /** The resource's routes; no body (JSMS's SDKs send a JSON content type and nothing else on GET). */
    List<ApiRoute> routes() {
        return List.of(new ApiRoute(HttpMethod.GET, "/v1/report", BodyRule.NONE, REPORT_LABEL, this::report),
            new ApiRoute(HttpMethod.GET, "/v1/reply", BodyRule.NONE, REPLY_LABEL, this::reply));
    }

    private CompletableFuture<ApiReply> report(ApiRequest request) {
        String appKey = request.app().appKey();
        ApiError refused = admit(appKey, CallbackType.SMS_REPORT);
        if (refused != null) {
            return done(json.error(request.alloc(), refused, refused.message()));
        }
        ByteBufAllocator alloc = request.alloc();
        CompletableFuture<List<FinalReport>> pulled = take(appKey, CallbackType.SMS_REPORT,
            () -> pulls.pullReports(appKey, MAX_ITEMS));
        return answer(pulled, request, reports -> json.ok(alloc, g -> {
            g.writeStartArray();
            for (FinalReport r : reports) {
                g.writeStartObject();
                g.writeStringField("msgId", Long.toString(r.msgId()));
                g.writeNumberField("status", statuses.statusOf(r.stat()));
                g.writeNumberField("receiveTime", r.finalAt().getEpochSecond());
                g.writeStringField("phone", r.mobile());
                g.writeStringField("stat", r.stat());
                g.writeEndObject();
            }
            g.writeEndArray();
        }));
    }

    private CompletableFuture<ApiReply> reply(ApiRequest request) {
        String appKey = request.app().appKey();
        ApiError refused = admit(appKey, CallbackType.SMS_REPLY);
        if (refused != null) {
            return done(json.error(request.alloc(), refused, refused.message()));
        }
        ByteBufAllocator alloc = request.alloc();
        CompletableFuture<List<MoMessage>> pulled = take(appKey, CallbackType.SMS_REPLY,
            () -> pulls.pullReplies(appKey, MAX_ITEMS));
        return answer(pulled, request, replies -> json.ok(alloc, g -> {
            g.writeStartArray();
            for (MoMessage mo : replies) {
                writeReply(g, mo);
            }
            g.writeEndArray();
        }));
    }

    private static void writeReply(JsonGenerator g, MoMessage mo) throws IOException {
        g.writeStartObject();
        g.writeStringField("phone", mo.mobile());
        g.writeNumberField("replyTime", mo.receivedAt().getEpochSecond());
        g.writeStringField("content", mo.content());
        g.writeEndObject();
    }

    /** 50202 when the app takes callbacks of {@code type}, or null: checked first, so it never uses up the interval. */
    private ApiError admit(String appKey, CallbackType type) {
        AppConfig app = apps.get(appKey);
        return app == null || app.callbacks().calls(type.name()) ? ApiError.PULL_NOT_ALLOWED : null;
    }

    /** The pulled items when the store grants the app's pull of {@code type} now, else null (50201). */
    private <T> CompletableFuture<List<T>> take(String appKey, CallbackType type,
                                                Supplier<CompletableFuture<List<T>>> pull) {
        return pulls.takePull(appKey, type, clock.millis(), INTERVAL_MILLIS)
            .thenCompose(taken -> taken ? pull.get() : CompletableFuture.completedFuture(null));
    }

    /** What to answer with the pulled items. */
    private interface Answer<T> {
        ApiReply with(List<T> items);
    }

    /** Answers the pulled items ({@code null}: the interval refused the pull) or the store's failure. */
    private <T> CompletableFuture<ApiReply> answer(CompletableFuture<List<T>> pulled, ApiRequest request,
                                                   Answer<T> answer) {
        return pulled.handleAsync((items, failure) -> {
            if (failure == null) {
                return items != null ? answer.with(items)
                    : json.error(request.alloc(), ApiError.PULL_TOO_OFTEN, ApiError.PULL_TOO_OFTEN.message());
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
            ApiError error = cause instanceof StoreOverloadedException ? ApiError.SERVER_BUSY : ApiError.SERVER_ERROR;
            long held = failureLog.tryLog();
            if (held >= 0) {
                LOG.warn("api - a pull failed ({} similar failures since the last warning; answering {}/{})", held,
                    error.status().code(), error.code(), cause);
            }
            return json.error(request.alloc(), error, error.message());
        }, request.loop());
    }

    private static CompletableFuture<ApiReply> done(ApiReply reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
