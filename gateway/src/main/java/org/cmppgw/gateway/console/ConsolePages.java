package org.cmppgw.gateway.console;

import gg.jte.html.OwaspHtmlTemplateOutput;
import gg.jte.output.StringOutput;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.cmppgw.gateway.catalog.CatalogStore;
import org.cmppgw.gateway.catalog.TemplateRules;
import org.cmppgw.gateway.config.AppConfig;
import org.cmppgw.gateway.config.ProviderConfig;
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

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The console's pages and actions for a logged-in operator (docs/operations.md "Console"). Each returns a future
 * completed off the management event loop (the catalog's, balances' and console reader's own threads), so no page
 * blocks the listener. Reviews go through the same {@code CatalogService} call as the operator API, so the app is
 * called back the same way, and each is logged with the operator's name.
 */
final class ConsolePages {
    private static final Logger LOG = LoggerFactory.getLogger(ConsolePages.class);
    private static final String WINDOW_GAUGE = "cmppgw.provider.window.in.use";
    private static final String SUBMITS = "cmppgw.provider.submits";
    private static final String RESULTS = "cmppgw.provider.submit.responses";
    private static final String REPORTS = "cmppgw.provider.delivery.reports";
    private static final String RECONNECTS = "cmppgw.provider.reconnects";

    private final ConsoleServices services;
    private final MessageSearch search;
    /** The previous submit count per provider, so each refresh shows the TPS since the one before. */
    private final TpsReadings tpsReadings = new TpsReadings();
    private final LongSupplier nanoClock;

    ConsolePages(ConsoleServices services, LongSupplier nanoClock) {
        this.services = services;
        this.nanoClock = nanoClock;
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
            String name = provider.name();
            int windowInUse = 0;
            for (Gauge gauge : services.meters().find(WINDOW_GAUGE).tag("provider", name).gauges()) {
                windowInUse += (int) gauge.value();
            }
            long submits = (long) sum(services.meters().find(SUBMITS).tag("provider", name).counters());
            long reconnects = (long) sum(services.meters().find(RECONNECTS).tag("provider", name).counters());
            String results = countsBy(services.meters().find(RESULTS).tag("provider", name).counters(), "result");
            String reports = countsBy(services.meters().find(REPORTS).tag("provider", name).counters(), "stat");
            String actualTps = tpsReadings.actual(name, submits, nanoClock.getAsLong());
            if (provider instanceof CmppProviderPool pool) {
                int window = services.config().provider(name).map(ProviderConfig::window).orElse(0);
                List<ChannelView.Link> links = new ArrayList<>();
                for (CmppProviderPool.ConnectionState c : pool.connectionStates()) {
                    String state = !c.held() ? "elsewhere" : c.up() ? "up" : "down";
                    links.add(new ChannelView.Link(c.index(), state,
                        c.since().truncatedTo(ChronoUnit.SECONDS).toString()));
                }
                views.add(new ChannelView(name, "CMPP", provider.isAvailable(), pool.activeSessions(),
                    pool.connections(), windowInUse, window * pool.connections(), pool.tps(),
                    provider.queuedParts(), links, submits, actualTps, results, reports, reconnects));
            } else {
                views.add(new ChannelView(name, provider.channel().name(), provider.isAvailable(), -1, -1,
                    windowInUse, -1, -1, provider.queuedParts(), List.of(), submits, actualTps, results, reports,
                    reconnects));
            }
        }
        return views;
    }

    private static double sum(Collection<Counter> counters) {
        double total = 0;
        for (Counter c : counters) {
            total += c.count();
        }
        return total;
    }

    /** "0: 1200, 8: 3": counters summed by one tag (over the provider's sessions), zero counts left out. */
    static String countsBy(Collection<Counter> counters, String tag) {
        Map<String, Double> byValue = new TreeMap<>(ConsolePages::numbersFirst);
        for (Counter c : counters) {
            byValue.merge(c.getId().getTag(tag), c.count(), Double::sum);
        }
        StringJoiner out = new StringJoiner(", ");
        byValue.forEach((value, count) -> {
            if (count > 0) {
                out.add(value + ": " + (long) (double) count);
            }
        });
        return out.length() == 0 ? "\u2014" : out.toString();
    }

    /** Result codes in numeric order ("8" before "10"), the label "other" and Stat names after, by name. */
    private static int numbersFirst(String a, String b) {
        boolean na = !a.isEmpty() && a.chars().allMatch(Character::isDigit);
        boolean nb = !b.isEmpty() && b.chars().allMatch(Character::isDigit);
        if (na && nb) {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        }
        return na ? -1 : nb ? 1 : a.compareTo(b);
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
