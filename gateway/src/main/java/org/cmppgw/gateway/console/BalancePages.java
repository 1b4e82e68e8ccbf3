package org.cmppgw.gateway.console;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.cmppgw.gateway.billing.BalanceService;
import org.cmppgw.gateway.config.AppConfig;
import org.cmppgw.gateway.console.pages.JteappGenerated;
import org.cmppgw.gateway.console.pages.JtebalancesGenerated;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.model.SmsType;
import org.cmppgw.gateway.persistence.BalanceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The console's balances (docs/api.md "Balances and billing"): the account's and every app's balance per type, the
 * operator's top-up, allocation and return with the rules and codes of {@code /operator/v1/balances/*} (50007 for a
 * bad app, type or amount, 50014 when the balance taken from holds less), the operation log page by page, and the
 * balance alerts of every app. An app's own page shows its balances, its own operations page by page and the form that
 * changes its alert settings (docs/api.md "Balance alerts"), saved through the same service call as
 * {@code PUT /operator/v1/balances/alerts/{app_key}}.
 */
final class BalancePages {
    private static final Logger LOG = LoggerFactory.getLogger(BalancePages.class);
    /** Operations of one page of the log. */
    static final int PAGE = 50;

    private final ConsoleServices services;
    private final BalanceService balances;

    BalancePages(ConsoleServices services) {
        this.services = services;
        this.balances = services.balances();
    }

    /** The balances, the alerts and page {@code page} of the log; {@code notice} after an operation. */
    CompletableFuture<ConsoleReply> page(Frame frame, long page, String notice) {
        return page(frame, HttpResponseStatus.OK, page, notice, "");
    }

    private CompletableFuture<ConsoleReply> page(Frame frame, HttpResponseStatus status, long page, String notice,
                                                 String error) {
        int number = page > 0 && page < Integer.MAX_VALUE ? (int) page : 1;
        CompletableFuture<List<BalanceStore.Balances>> all = balances.all();
        CompletableFuture<BalanceService.LogPage> log = balances.log(number, PAGE);
        CompletableFuture<List<BalanceStore.AlertSetting>> alerts = balances.alertSettings();
        // each is complete once allOf is: join() does not wait
        return CompletableFuture.allOf(all, log, alerts).thenApply(done -> {
            List<BalanceRow> rows = rows(all.join());
            List<String> apps = apps();
            return ConsolePages.page(status, out -> JtebalancesGenerated.render(out, null, frame, rows, apps,
                alerts.join(), log.join(), notice, error));
        });
    }

    /** An app's page: its settings, balances per type, page {@code page} of its own operations, its alert form. */
    CompletableFuture<ConsoleReply> app(Frame frame, String appKey, long page, String notice) {
        return app(frame, HttpResponseStatus.OK, appKey, page, notice, null);
    }

    private CompletableFuture<ConsoleReply> app(Frame frame, HttpResponseStatus status, String appKey, long page,
                                                String notice, AlertForm refused) {
        AppConfig app = services.config().app(appKey).orElse(null);
        if (app == null) {
            return ConsolePages.done(ConsoleReply.text(HttpResponseStatus.NOT_FOUND, "no app " + appKey));
        }
        int number = page > 0 && page < Integer.MAX_VALUE ? (int) page : 1;
        CompletableFuture<Map<SmsType, Long>> amounts = services.config().billing().enabled()
            ? balances.balances(appKey).thenApply(BalanceStore.Balances::amounts)
            : CompletableFuture.completedFuture(Map.of());
        CompletableFuture<Optional<BalanceStore.AlertSetting>> stored = balances.alertSetting(appKey);
        CompletableFuture<BalanceService.LogPage> log = balances.log(appKey, number, PAGE);
        boolean sent = !services.config().billing().alertApp().isEmpty();
        return CompletableFuture.allOf(amounts, stored, log).thenApply(done -> {
            AppView view = AppView.of(app, amounts.join());
            AlertForm form = refused != null ? refused : AlertForm.of(stored.join().orElse(null));
            return ConsolePages.page(status, out -> JteappGenerated.render(out, null, frame, view, log.join(), form,
                sent, notice));
        });
    }

    /** Saves an app's alert settings from its page's form; a refused field is shown next to it (50007). */
    CompletableFuture<ConsoleReply> saveAlerts(Frame frame, String appKey, AlertForm posted) {
        if (services.config().app(appKey).isEmpty()) {
            return ConsolePages.done(ConsoleReply.text(HttpResponseStatus.NOT_FOUND, "no app " + appKey));
        }
        AlertForm checked = posted.checked();
        if (!checked.errors().isEmpty()) {
            return app(frame, ApiError.INVALID_BODY.status(), appKey, 1, "", checked);
        }
        // the service logs the change with the operator's name, as for the operator API
        return balances.saveAlertSetting(frame.operator(), checked.setting(appKey))
            .thenApply(saved -> ConsoleReply.redirect("/console/apps/" + appKey + "?done=alerts"));
    }

    /** {@code top_up}, {@code allocate} or {@code return} of {@code amount} parts of {@code type}. */
    CompletableFuture<ConsoleReply> operate(Frame frame, String name, String appKey, String typeName,
                                            String amountText) {
        BalanceStore.Operation operation = operation(name);
        if (operation == null) {
            return ConsolePages.done(ConsoleReply.text(HttpResponseStatus.NOT_FOUND, "not found: " + name));
        }
        SmsType type;
        try {
            type = SmsType.ofLabel(typeName);
        } catch (IllegalArgumentException e) {
            return invalid(frame, e.getMessage());
        }
        long amount = ConsoleRequest.positive(amountText);
        if (amount <= 0) {
            return invalid(frame, "amount: " + amountText + " (expected: a whole number of parts >= 1)");
        }
        String app = operation == BalanceStore.Operation.TOP_UP ? "" : appKey == null ? "" : appKey;
        if (operation != BalanceStore.Operation.TOP_UP && !apps().contains(app)) {
            return invalid(frame, "app_key: \"" + app + "\" (expected: a configured app)");
        }
        return balances.apply(frame.operator(), operation, app, type, amount).thenCompose(change -> {
            if (!change.done()) {
                long available = operation == BalanceStore.Operation.RETURN ? change.appAfter()
                    : change.accountAfter();
                return page(frame, ApiError.NO_MONEY.status(), 1, "", ApiError.NO_MONEY.code() + ": "
                    + ApiError.NO_MONEY.message() + ": " + available + " " + type.label() + " available, " + amount
                    + " asked");
            }
            LOG.info("billing - operator {} {} {} {}{} (app balance {}, account balance {}) (console)",
                frame.operator(), operation.label(), amount, type.label(), app.isEmpty() ? "" : " app=" + app,
                change.appAfter(), change.accountAfter());
            return ConsolePages.done(ConsoleReply.redirect("/console/balances?done=" + operation.label()));
        });
    }

    /** The notice after an operation: only the known operations reach the page. */
    static String notice(String done) {
        BalanceStore.Operation operation = operation(done);
        return operation == null ? "" : "Done: " + operation.label().replace('_', ' ') + ".";
    }

    private CompletableFuture<ConsoleReply> invalid(Frame frame, String message) {
        return page(frame, ApiError.INVALID_BODY.status(), 1, "", ApiError.INVALID_BODY.code() + ": " + message);
    }

    private static BalanceStore.Operation operation(String name) {
        for (BalanceStore.Operation operation : BalanceStore.Operation.values()) {
            if (operation.label().equals(name)) {
                return operation;
            }
        }
        return null;
    }

    private List<String> apps() {
        return services.config().apps().stream().map(AppConfig::appKey).toList();
    }

    /** The account first, then every configured app (0 where it has no row yet), then any other owner. */
    private List<BalanceRow> rows(List<BalanceStore.Balances> all) {
        Map<String, Map<SmsType, Long>> byOwner = new LinkedHashMap<>();
        byOwner.put(BalanceStore.ACCOUNT, Map.of());
        for (String app : apps()) {
            byOwner.put(app, Map.of());
        }
        for (BalanceStore.Balances b : all) {
            byOwner.put(b.owner(), b.amounts());
        }
        List<BalanceRow> rows = new ArrayList<>();
        byOwner.forEach((owner, amounts) -> rows.add(new BalanceRow(owner, amounts)));
        return rows;
    }
}
