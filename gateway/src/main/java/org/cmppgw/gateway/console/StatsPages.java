package org.cmppgw.gateway.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.cmppgw.gateway.config.AppConfig;
import org.cmppgw.gateway.config.ProviderConfig;
import org.cmppgw.gateway.console.pages.JtestatsGenerated;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.stats.Figures;
import org.cmppgw.gateway.stats.LatencyBuckets;
import org.cmppgw.gateway.stats.StatsQuery;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The statistics page and its chart data (docs/operations.md "Statistics"): both read the hourly rollup through
 * {@link StatsQuery} on the console's reader, so a page costs one index range of V22's stats_hour. The page's table
 * and the JSON carry the same numbers; the page's script draws the charts from the JSON.
 */
final class StatsPages {
    static final String JSON = "application/json; charset=utf-8";

    private final ConsoleServices services;
    private final StatsQuery query;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();

    StatsPages(ConsoleServices services, Clock clock) {
        this.services = services;
        this.query = new StatsQuery(services.reads(), services.config().schedules().zone());
        this.clock = clock;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), query.zone());
    }

    CompletableFuture<ConsoleReply> page(Frame frame, ConsoleRequest request) {
        StatsQuery.Filter filter;
        try {
            filter = StatsFilter.parse(request.query(), today());
        } catch (IllegalArgumentException e) {
            StatsView view = view(request, StatsFilter.parse(Map.of(), today()), List.of(), new Figures(),
                e.getMessage());
            return ConsolePages.done(ConsolePages.page(HttpResponseStatus.BAD_REQUEST,
                out -> JtestatsGenerated.render(out, null, frame, view)));
        }
        return query.report(filter).thenApply(report -> {
            StatsView view = view(request, filter, report.rows(), report.total(), "");
            return ConsolePages.page(out -> JtestatsGenerated.render(out, null, frame, view));
        });
    }

    CompletableFuture<ConsoleReply> data(ConsoleRequest request) {
        StatsQuery.Filter filter;
        try {
            filter = StatsFilter.parse(request.query(), today());
        } catch (IllegalArgumentException e) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", ApiError.INVALID_BODY.code());
            error.put("message", ApiError.INVALID_BODY.message() + ": " + e.getMessage());
            return ConsolePages.done(json(ApiError.INVALID_BODY.status(), Map.of("error", error)));
        }
        return query.report(filter).thenApply(report -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("zone", query.zone().getId());
            body.put("from", filter.from().toString());
            body.put("to", filter.to().toString());
            body.put("period", StatsFilter.lower(filter.period()));
            body.put("group", StatsFilter.lower(filter.group()));
            List<String> buckets = new ArrayList<>();
            for (int i = 0; i < LatencyBuckets.COUNT; i++) {
                buckets.add(LatencyBuckets.label(i));
            }
            body.put("buckets", buckets);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (StatsQuery.Row row : report.rows()) {
                Map<String, Object> r = figures(row.figures());
                r.put("period", row.period());
                r.put("group", row.group());
                rows.add(r);
            }
            body.put("rows", rows);
            body.put("total", figures(report.total()));
            return json(HttpResponseStatus.OK, body);
        });
    }

    private static Map<String, Object> figures(Figures f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accepted", f.accepted());
        out.put("submitted", f.submitted());
        out.put("delivered", f.delivered());
        out.put("failed", f.failed());
        out.put("noReport", f.noReport());
        out.put("p50", f.latencyQuantile(0.5));
        out.put("p90", f.latencyQuantile(0.9));
        out.put("p99", f.latencyQuantile(0.99));
        out.put("latency", f.latency());
        return out;
    }

    private ConsoleReply json(HttpResponseStatus status, Object body) {
        try {
            return new ConsoleReply(status, JSON, mapper.writeValueAsBytes(body), null, List.of());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private StatsView view(ConsoleRequest request, StatsQuery.Filter filter, List<StatsQuery.Row> rows, Figures total,
                           String error) {
        List<String> apps = services.config().apps().stream().map(AppConfig::appKey).toList();
        List<String> providers = services.config().providers().stream().map(ProviderConfig::name).toList();
        String app = error.isEmpty() ? filter.appKey() : param(request, "app");
        String template = error.isEmpty() ? (filter.templateId() > 0 ? String.valueOf(filter.templateId()) : "")
            : param(request, "template");
        String provider = filter.provider() == null ? "" : filter.provider().isEmpty() ? StatsFilter.NOT_SUBMITTED
            : filter.provider();
        return new StatsView(filter.from().toString(), filter.to().toString(), StatsFilter.lower(filter.period()),
            StatsFilter.lower(filter.group()), app, template, error.isEmpty() ? provider : param(request, "provider"),
            apps, providers, "/console/stats/data" + StatsFilter.queryString(filter), query.zone().getId(), rows,
            total, error);
    }

    private static String param(ConsoleRequest request, String name) {
        String value = request.param(name);
        return value == null ? "" : value;
    }
}
