package org.cmppgw.gateway.console;

import gg.jte.html.OwaspHtmlTemplateOutput;
import gg.jte.output.StringOutput;
import io.micrometer.core.instrument.Gauge;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.cmppgw.gateway.catalog.CatalogStore;
import org.cmppgw.gateway.catalog.TemplateRules;
import org.cmppgw.gateway.config.AppConfig;
import org.cmppgw.gateway.config.ProviderConfig;
import org.cmppgw.gateway.console.pages.JteappGenerated;
import org.cmppgw.gateway.console.pages.JteappsGenerated;
import org.cmppgw.gateway.console.pages.JtechannelsGenerated;
import org.cmppgw.gateway.console.pages.JtechannelsTableGenerated;
import org.cmppgw.gateway.console.pages.JtemessageGenerated;
import org.cmppgw.gateway.console.pages.JtemessagesGenerated;
import org.cmppgw.gateway.console.pages.JtesignaturesGenerated;
import org.cmppgw.gateway.console.pages.JtetemplatesGenerated;
import org.cmppgw.gateway.intake.Outcome;
import org.cmppgw.gateway.model.ReviewStatus;
import org.cmppgw.gateway.model.SmsType;
import org.cmppgw.gateway.persistence.BalanceStore;
import org.cmppgw.gateway.provider.Provider;
import org.cmppgw.gateway.provider.cmpp.CmppProviderPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The console's pages and actions for a logged-in operator (docs/operations.md "Console"). Each returns a future
 * completed off the management event loop (the catalog's, balances' and console reader's own threads), so no page
 * blocks the listener. Reviews go through the same {@code CatalogService} call as the operator API, so the app is
 * called back the same way, and each is logged with the operator's name.
 */
final class ConsolePages {
    private static final Logger LOG = LoggerFactory.getLogger(ConsolePages.class);
    private static final String WINDOW_GAUGE = "cmppgw.provider.window.in.use";

    private final ConsoleServices services;
    private final MessageSearch search;

    ConsolePages(ConsoleServices services) {
        this.services = services;
        this.search = new MessageSearch(services.reads());
    }

    CompletableFuture<ConsoleReply> apps(Frame frame) {
        return balances().thenApply(balances -> {
            List<AppView> apps = new ArrayList<>();
            for (AppConfig app : services.config().apps()) {
                apps.add(AppView.of(app, balances.getOrDefault(app.appKey(), Map.of())));
            }
            return page(out -> JteappsGenerated.render(out, null, frame, apps));
        });
    }

    CompletableFuture<ConsoleReply> app(Frame frame, String appKey) {
        AppConfig app = services.config().app(appKey).orElse(null);
        if (app == null) {
            return done(ConsoleReply.text(HttpResponseStatus.NOT_FOUND, "no app " + appKey));
        }
        return balances().thenApply(balances -> page(out -> JteappGenerated.render(out, null, frame,
            AppView.of(app, balances.getOrDefault(appKey, Map.of())))));
    }

    private CompletableFuture<Map<String, Map<SmsType, Long>>> balances() {
        if (!services.config().billing().enabled()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        return services.balances().all().thenApply(all -> {
            Map<String, Map<SmsType, Long>> byOwner = new HashMap<>();
            for (BalanceStore.Balances b : all) {
                byOwner.put(b.owner(), b.amounts());
            }
            return byOwner;
        });
    }

    CompletableFuture<ConsoleReply> templates(Frame frame, ReviewStatus status, String notice, String error) {
        return services.catalog().templates(status).thenApply(rows -> {
            if (!rows.isOk()) {
                return failed(rows);
            }
            return page(error.isEmpty() ? HttpResponseStatus.OK : HttpResponseStatus.BAD_REQUEST,
                out -> JtetemplatesGenerated.render(out, null, frame, lower(status), rows.value(), notice, error));
        });
    }

    CompletableFuture<ConsoleReply> signatures(Frame frame, ReviewStatus status, String notice, String error) {
        return services.catalog().signatures(status).thenApply(rows -> {
            if (!rows.isOk()) {
                return failed(rows);
            }
            return page(error.isEmpty() ? HttpResponseStatus.OK : HttpResponseStatus.BAD_REQUEST,
                out -> JtesignaturesGenerated.render(out, null, frame, lower(status), rows.value(), notice, error));
        });
    }

    /** Approves or rejects; afterwards the browser is sent back to the pending list with a notice. */
    CompletableFuture<ConsoleReply> review(Frame frame, CatalogStore.Subject subject, long id, boolean approve,
                                           String reason) {
        String list = subject == CatalogStore.Subject.TEMPLATE ? "templates" : "signatures";
        String stripped = reason == null ? "" : reason.strip();
        if (!approve && (stripped.isEmpty()
            || stripped.codePointCount(0, stripped.length()) > TemplateRules.MAX_REMARK_LENGTH)) {
            String error = "invalid body: reason must be 1.." + TemplateRules.MAX_REMARK_LENGTH + " characters";
            return subject == CatalogStore.Subject.TEMPLATE ? templates(frame, ReviewStatus.PENDING, "", error)
                : signatures(frame, ReviewStatus.PENDING, "", error);
        }
        return services.catalog().review(subject, id, approve, stripped).thenCompose(outcome -> {
            if (!outcome.isOk()) {
                String error = outcome.error().code() + ": " + outcome.message();
                return subject == CatalogStore.Subject.TEMPLATE ? templates(frame, ReviewStatus.PENDING, "", error)
                    : signatures(frame, ReviewStatus.PENDING, "", error);
            }
            String decision = outcome.value().status().name().toLowerCase(Locale.ROOT);
            LOG.info("review - operator {} {} {} {} (console)", frame.operator(), decision,
                subject.name().toLowerCase(Locale.ROOT), id);
            return done(ConsoleReply.redirect("/console/" + list + "?done=" + decision + "&id=" + id));
        });
    }

    CompletableFuture<ConsoleReply> messages(Frame frame, MessageFilter filter, String error) {
        if (!error.isEmpty()) {
            return done(page(HttpResponseStatus.BAD_REQUEST,
                out -> JtemessagesGenerated.render(out, null, frame, filter, List.of(), "", error)));
        }
        return search.search(filter).thenApply(rows -> {
            boolean more = rows.size() > MessageFilter.PAGE;
            List<MessageRow> shown = more ? rows.subList(0, MessageFilter.PAGE) : rows;
            String next = more ? filter.nextPage(shown.get(shown.size() - 1).msgId()) : "";
            return page(out -> JtemessagesGenerated.render(out, null, frame, filter, shown, next, ""));
        });
    }

    CompletableFuture<ConsoleReply> message(Frame frame, long msgId) {
        return search.detail(msgId).thenApply(detail -> detail
            .map(d -> page(out -> JtemessageGenerated.render(out, null, frame, d)))
            .orElseGet(() -> ConsoleReply.text(HttpResponseStatus.NOT_FOUND, "no message " + msgId)));
    }

    ConsoleReply channels(Frame frame) {
        List<ChannelView> channels = channelViews();
        return page(out -> JtechannelsGenerated.render(out, null, frame, channels));
    }

    /** The table alone, for htmx polling. */
    ConsoleReply channelsTable() {
        List<ChannelView> channels = channelViews();
        return page(out -> JtechannelsTableGenerated.render(out, null, channels));
    }

    private List<ChannelView> channelViews() {
        List<ChannelView> views = new ArrayList<>();
        for (Provider provider : services.providers().get()) {
            int windowInUse = 0;
            for (Gauge gauge : services.meters().find(WINDOW_GAUGE).tag("provider", provider.name()).gauges()) {
                windowInUse += (int) gauge.value();
            }
            if (provider instanceof CmppProviderPool pool) {
                int window = services.config().provider(provider.name()).map(ProviderConfig::window).orElse(0);
                views.add(new ChannelView(provider.name(), "CMPP", provider.isAvailable(), pool.activeSessions(),
                    pool.connections(), windowInUse, window * pool.connections(), pool.tps(),
                    provider.queuedParts()));
            } else {
                views.add(new ChannelView(provider.name(), provider.channel().name(), provider.isAvailable(), -1, -1,
                    windowInUse, -1, -1, provider.queuedParts()));
            }
        }
        return views;
    }

    private static String lower(ReviewStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    private static ConsoleReply failed(Outcome<?> outcome) {
        return ConsoleReply.text(HttpResponseStatus.SERVICE_UNAVAILABLE, outcome.error().code() + ": "
            + outcome.message());
    }

    static ConsoleReply page(Consumer<OwaspHtmlTemplateOutput> template) {
        return page(HttpResponseStatus.OK, template);
    }

    static ConsoleReply page(HttpResponseStatus status, Consumer<OwaspHtmlTemplateOutput> template) {
        StringOutput out = new StringOutput();
        template.accept(new OwaspHtmlTemplateOutput(out));
        return ConsoleReply.html(status, out.toString());
    }

    static CompletableFuture<ConsoleReply> done(ConsoleReply reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
