package org.cmppgw.gateway.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.netty.handler.codec.http.HttpMethod;
import org.cmppgw.gateway.billing.BalanceService;
import org.cmppgw.gateway.config.AppConfig;
import org.cmppgw.gateway.config.BalanceAlertConfig;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.JsonStringOnly;
import org.cmppgw.gateway.intake.Outcome;
import org.cmppgw.gateway.model.SmsType;
import org.cmppgw.gateway.persistence.BalanceStore;
import org.cmppgw.gateway.persistence.StoreOverloadedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Balances (docs/api.md "Balances and billing"): JSMS's two balance queries, {@code GET /v1/accounts/app} with the
 * app's credentials and {@code GET /v1/accounts/dev} with the account's dev credentials, whose fields follow the
 * JSMS REST API and its Java SDK ({@code app_balance} / {@code dev_balance}, the sum of every type, then
 * {@code _voice}, {@code _industry}, {@code _market}); and the operator's calls: every balance, top up the account,
 * allocate to an app or return from it, the paged operation log (of every app or of one), and each app's balance
 * alert settings (read and replace). Each operation and each change of alert settings is logged with the operator's
 * name.
 */
final class BalancesEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(BalancesEndpoint.class);
    /** The most log entries a page holds. */
    static final int MAX_PAGE_SIZE = 500;
    static final int DEFAULT_PAGE_SIZE = 50;
    private static final String APP_KEY = "app_key";

    private final BalanceService balances;
    private final Set<String> apps;
    private final RequestBodies bodies;
    private final JsonResponses json;

    /** The body of a top-up, an allocation or a return. */
    record Operation(@JsonProperty("app_key") @JsonDeserialize(using = JsonStringOnly.class) String appKey,
                     @JsonProperty("type") @JsonDeserialize(using = JsonStringOnly.class) String type,
                     @JsonProperty("amount") JsonNode amount) {
        /** The amount when it is a whole JSON number of parts, at least 1 (never a string or 1.5); else 0. */
        long parts() {
            return amount != null && amount.isIntegralNumber() && amount.canConvertToLong() && amount.asLong() > 0
                ? amount.asLong() : 0;
        }
    }

    /** The body of a change of an app's alert settings; a threshold left out is 0 (no alert). */
    record Alerts(@JsonProperty("mobiles") JsonNode mobiles, @JsonProperty("industry") JsonNode industry,
                  @JsonProperty("market") JsonNode market, @JsonProperty("voice") JsonNode voice) {
    }

    /** One entry of the operation log as the API shows it. */
    record LogRow(@JsonProperty("id") long id, @JsonProperty("operator") String operator,
                  @JsonProperty("at") String at, @JsonProperty("operation") String operation,
                  @JsonProperty("app_key") String appKey, @JsonProperty("type") String type,
                  @JsonProperty("amount") long amount, @JsonProperty("app_balance") long appBalance,
                  @JsonProperty("account_balance") long accountBalance) {
        static LogRow of(BalanceStore.LogEntry e) {
            return new LogRow(e.id(), e.operator(), Instant.ofEpochMilli(e.atMillis()).toString(),
                e.operation().label(), e.appKey(), e.type().label(), e.amount(), e.appAfter(), e.accountAfter());
        }
    }

    BalancesEndpoint(BalanceService balances, List<AppConfig> apps, RequestBodies bodies, JsonResponses json) {
        this.balances = balances;
        this.apps = apps.stream().map(AppConfig::appKey).collect(Collectors.toUnmodifiableSet());
        this.bodies = bodies;
        this.json = json;
    }

    List<ApiRoute> routes() {
        return List.of(
            new ApiRoute(HttpMethod.GET, "/v1/accounts/app", BodyRule.NONE, "accounts_app",
                r -> jsms(r, r.app().appKey(), "app_")),
            ApiRoute.account(HttpMethod.GET, "/v1/accounts/dev", BodyRule.NONE, "accounts_dev",
                r -> jsms(r, BalanceStore.ACCOUNT, "dev_")),
            ApiRoute.operator(HttpMethod.GET, "/operator/v1/balances", BodyRule.NONE, "operator_balances",
                this::all),
            ApiRoute.operator(HttpMethod.POST, "/operator/v1/balances/top_up", BodyRule.JSON,
                "operator_balance_top_up", r -> operate(r, BalanceStore.Operation.TOP_UP)),
            ApiRoute.operator(HttpMethod.POST, "/operator/v1/balances/allocate", BodyRule.JSON,
                "operator_balance_allocate", r -> operate(r, BalanceStore.Operation.ALLOCATE)),
            ApiRoute.operator(HttpMethod.POST, "/operator/v1/balances/return", BodyRule.JSON,
                "operator_balance_return", r -> operate(r, BalanceStore.Operation.RETURN)),
            ApiRoute.operator(HttpMethod.GET, "/operator/v1/balances/log", BodyRule.NONE, "operator_balance_log",
                this::log),
            ApiRoute.operator(HttpMethod.GET, "/operator/v1/balances/alerts/{" + APP_KEY + "}", BodyRule.NONE,
                "operator_balance_alerts", this::alerts),
            ApiRoute.operator(HttpMethod.PUT, "/operator/v1/balances/alerts/{" + APP_KEY + "}", BodyRule.JSON,
                "operator_balance_alerts_update", this::setAlerts));
    }

    private CompletableFuture<ApiReply> jsms(ApiRequest request, String owner, String prefix) {
        return answer(request, balances.balances(owner), b -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put(prefix + "balance", b.total());
            body.put(prefix + SmsType.VOICE.label(), b.amount(SmsType.VOICE));
            body.put(prefix + SmsType.INDUSTRY.label(), b.amount(SmsType.INDUSTRY));
            body.put(prefix + SmsType.MARKET.label(), b.amount(SmsType.MARKET));
            return json.ok(request.alloc(), body);
        });
    }

    private CompletableFuture<ApiReply> all(ApiRequest request) {
        return answer(request, balances.all(), rows -> {
            Map<String, Object> account = Map.of();
            Map<String, Object> byApp = new TreeMap<>();
            for (String app : apps) {
                byApp.put(app, amounts(new BalanceStore.Balances(app, Map.of())));
            }
            for (BalanceStore.Balances b : rows) {
                if (b.owner().equals(BalanceStore.ACCOUNT)) {
                    account = amounts(b);
                } else {
                    byApp.put(b.owner(), amounts(b));
                }
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("account", account);
            body.put("apps", byApp);
            return json.ok(request.alloc(), body);
        });
    }

    private static Map<String, Object> amounts(BalanceStore.Balances b) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (SmsType type : SmsType.values()) {
            out.put(type.label(), b.amount(type));
        }
        return out;
    }

    private CompletableFuture<ApiReply> operate(ApiRequest request, BalanceStore.Operation operation) {
        Outcome<Operation> parsed = bodies.read(Operation.class, request.body());
        if (!parsed.isOk()) {
            return TemplatesEndpoint.done(json.error(request.alloc(), parsed));
        }
        Operation body = parsed.value();
        SmsType type;
        try {
            type = SmsType.ofLabel(body.type());
        } catch (IllegalArgumentException e) {
            return invalid(request, e.getMessage());
        }
        long amount = body.parts();
        if (amount == 0) {
            return invalid(request, "amount: " + body.amount() + " (expected: a whole number of parts >= 1)");
        }
        String appKey = body.appKey() == null ? "" : body.appKey();
        if (operation == BalanceStore.Operation.TOP_UP) {
            if (!appKey.isEmpty()) {
                return invalid(request, "app_key: a top-up goes to the account (expected: no app_key)");
            }
        } else if (!apps.contains(appKey)) {
            return invalid(request, "app_key: \"" + appKey + "\" (expected: a configured app)");
        }
        String operator = request.operator();
        return answer(request, balances.apply(operator, operation, appKey, type, amount), change -> {
            if (!change.done()) {
                long available = operation == BalanceStore.Operation.RETURN ? change.appAfter()
                    : change.accountAfter();
                return json.error(request.alloc(), ApiError.NO_MONEY, ApiError.NO_MONEY.message() + ": "
                    + available + " " + type.label() + " available, " + amount + " asked");
            }
            LOG.info("billing - operator {} {} {} {}{} (app balance {}, account balance {})", operator,
                operation.label(), amount, type.label(), appKey.isEmpty() ? "" : " app=" + appKey,
                change.appAfter(), change.accountAfter());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("operation", operation.label());
            if (!appKey.isEmpty()) {
                answer.put("app_key", appKey);
                answer.put("app_balance", change.appAfter());
            }
            answer.put("type", type.label());
            answer.put("amount", amount);
            answer.put("account_balance", change.accountAfter());
            return json.ok(request.alloc(), answer);
        });
    }

    private CompletableFuture<ApiReply> log(ApiRequest request) {
        int page;
        int pageSize;
        try {
            Map<String, List<String>> query = request.query();
            page = number(query, "page", 1, Integer.MAX_VALUE, 1);
            pageSize = number(query, "page_size", 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE);
        } catch (IllegalArgumentException e) {
            return invalid(request, e.getMessage());
        }
        List<String> appKeys = request.query().get(APP_KEY);
        String appKey = appKeys == null || appKeys.isEmpty() ? null : appKeys.get(0);
        if (appKey != null && !apps.contains(appKey)) {
            return unknownApp(request, appKey);
        }
        return answer(request, balances.log(appKey, page, pageSize), found -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("total", found.total());
            body.put("page", found.page());
            body.put("page_size", found.pageSize());
            body.put("operations", found.entries().stream().map(LogRow::of).toList());
            return json.ok(request.alloc(), body);
        });
    }

    private CompletableFuture<ApiReply> alerts(ApiRequest request) {
        String appKey = request.pathParam(APP_KEY);
        if (!apps.contains(appKey)) {
            return unknownApp(request, appKey);
        }
        return answer(request, balances.alertSetting(appKey), found -> json.ok(request.alloc(), alertsBody(appKey,
            found.orElse(null))));
    }

    private CompletableFuture<ApiReply> setAlerts(ApiRequest request) {
        String appKey = request.pathParam(APP_KEY);
        if (!apps.contains(appKey)) {
            return unknownApp(request, appKey);
        }
        Outcome<Alerts> parsed = bodies.read(Alerts.class, request.body());
        if (!parsed.isOk()) {
            return TemplatesEndpoint.done(json.error(request.alloc(), parsed));
        }
        Alerts body = parsed.value();
        BalanceAlertConfig setting;
        try {
            setting = new BalanceAlertConfig(appKey, mobiles(body.mobiles()), threshold("industry", body.industry()),
                threshold("market", body.market()), threshold("voice", body.voice()));
        } catch (IllegalArgumentException e) {
            return invalid(request, e.getMessage());
        }
        return answer(request, balances.saveAlertSetting(request.operator(), setting),
            saved -> json.ok(request.alloc(), alertsBody(appKey, saved)));
    }

    /** The mobiles when the field is an array of strings; {@code BalanceAlertConfig} checks the numbers. */
    private static List<String> mobiles(JsonNode mobiles) {
        if (mobiles == null || !mobiles.isArray()) {
            throw new IllegalArgumentException("mobiles: " + mobiles + " (expected: an array of 1.."
                + BalanceAlertConfig.MAX_CONTACTS + " mobiles)");
        }
        List<String> out = new ArrayList<>(mobiles.size());
        for (int i = 0; i < mobiles.size(); i++) {
            JsonNode mobile = mobiles.get(i);
            if (!mobile.isTextual()) {
                throw new IllegalArgumentException("mobiles[" + i + "]: " + mobile + " (expected: a string)");
            }
            out.add(mobile.asText());
        }
        return out;
    }

    /** A whole number of parts, 0 when left out; {@code BalanceAlertConfig} checks its bounds. */
    private static long threshold(String name, JsonNode value) {
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: a whole number of parts)");
        }
        return value.asLong();
    }

    private static Map<String, Object> alertsBody(String appKey, BalanceStore.AlertSetting setting) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(APP_KEY, appKey);
        body.put("mobiles", setting == null ? List.of() : setting.mobiles());
        for (SmsType type : List.of(SmsType.INDUSTRY, SmsType.MARKET, SmsType.VOICE)) {
            body.put(type.label(), setting == null ? 0 : setting.threshold(type));
        }
        body.put("updated_by", setting == null || setting.updatedBy().isEmpty() ? null : setting.updatedBy());
        body.put("updated_at", setting == null ? null : Instant.ofEpochMilli(setting.updatedAtMillis()).toString());
        return body;
    }

    private CompletableFuture<ApiReply> unknownApp(ApiRequest request, String appKey) {
        return invalid(request, APP_KEY + ": \"" + appKey + "\" (expected: a configured app)");
    }

    private static int number(Map<String, List<String>> query, String name, int min, int max, int absent) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return absent;
        }
        String value = values.get(0);
        int parsed;
        try {
            parsed = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            parsed = min - 1;
        }
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: " + min + ".." + max + ")");
        }
        return parsed;
    }

    private CompletableFuture<ApiReply> invalid(ApiRequest request, String detail) {
        return TemplatesEndpoint.done(json.error(request.alloc(), ApiError.INVALID_BODY,
            ApiError.INVALID_BODY.message() + ": " + detail));
    }

    /** The store's answer as {@code reply} makes it, or 503 when the service is busy, 500 when the store failed. */
    private <T> CompletableFuture<ApiReply> answer(ApiRequest request, CompletableFuture<T> result,
                                                   Function<T, ApiReply> reply) {
        return result.handleAsync((value, failure) -> {
            if (failure == null) {
                return reply.apply(value);
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
            if (cause instanceof StoreOverloadedException) {
                return json.error(request.alloc(), ApiError.SERVER_BUSY, ApiError.SERVER_BUSY.message());
            }
            LOG.warn("billing - balance request failed: {}", cause.toString());
            return json.error(request.alloc(), ApiError.SERVER_ERROR, ApiError.SERVER_ERROR.message());
        }, request.loop());
    }
}
