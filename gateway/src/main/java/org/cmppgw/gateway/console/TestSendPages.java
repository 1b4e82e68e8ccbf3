package org.cmppgw.gateway.console;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.cmppgw.gateway.api.ApiServices;
import org.cmppgw.gateway.config.AppConfig;
import org.cmppgw.gateway.console.pages.JtesendGenerated;
import org.cmppgw.gateway.console.pages.JtetemplateGenerated;
import org.cmppgw.gateway.intake.AcceptedMessage;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.AppRules;
import org.cmppgw.gateway.intake.GlobalSms;
import org.cmppgw.gateway.intake.MessageAdmission;
import org.cmppgw.gateway.intake.MessageIntake;
import org.cmppgw.gateway.intake.Outcome;
import org.cmppgw.gateway.intake.SendOneRequest;
import org.cmppgw.gateway.intake.TemplateCatalog;
import org.cmppgw.gateway.model.StoredTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The console's test send and template preview (docs/operations.md "Console"). A test SMS is admitted by the same
 * {@link MessageAdmission} and handed to the same {@link MessageIntake} as {@code POST /v1/messages}, so it is stored,
 * charged, submitted, reported and called back like any send of its app. A preview renders the template through the
 * same admission rules and counts its parts with the dispatcher's segmenter, the code that cuts it when it is sent.
 */
final class TestSendPages {
    private static final Logger LOG = LoggerFactory.getLogger(TestSendPages.class);

    private final ConsoleServices services;
    private final TemplateCatalog catalog;
    private final MessageAdmission admission;

    TestSendPages(ConsoleServices services) {
        this.services = services;
        ApiServices api = services.api();
        this.catalog = api.catalog() == null
            ? TemplateCatalog.of(services.config().templates(), services.config().signatures())
            : api.catalog().catalog();
        this.admission = new MessageAdmission(catalog, services.clock(), api.rules(),
            GlobalSms.of(services.config().routing()));
    }

    /** The form, filled from {@code form}; with the msg_id of the test SMS just sent, when {@code sent} is one. */
    ConsoleReply form(Frame frame, SendForm form, long sent) {
        return page(frame, HttpResponseStatus.OK, form, sent, "");
    }

    /** Sends one test SMS; on success the browser is sent to the form, which links the new message. */
    CompletableFuture<ConsoleReply> send(Frame frame, SendForm form) {
        AppConfig app = services.config().app(form.app()).orElse(null);
        if (app == null) {
            return refused(frame, form, ApiError.INVALID_BODY, "app: " + form.app() + " (expected: a configured app)");
        }
        Outcome<AcceptedMessage> admitted;
        try {
            admitted = admission.admitOne(new AppRules(app, System::nanoTime),
                new SendOneRequest(form.mobile(), form.template(), form.params(), form.sign(), null));
        } catch (IllegalArgumentException e) {
            return refused(frame, form, ApiError.INVALID_BODY, e.getMessage());
        }
        if (!admitted.isOk()) {
            return refused(frame, form, admitted.error(), admitted.message());
        }
        return services.api().intake().accept(List.of(admitted.value())).handle((ids, failure) -> {
            if (failure != null) {
                LOG.warn("console - test send not stored: {}", failure.toString());
                return page(frame, HttpResponseStatus.SERVICE_UNAVAILABLE, form, 0, ApiError.SERVER_ERROR.code()
                    + ": the store did not take the message, try again");
            }
            ApiError refusal = MessageIntake.refusal(ids[0]);
            if (refusal != null) {
                return page(frame, HttpResponseStatus.BAD_REQUEST, form, 0, refusal.code() + ": "
                    + refusal.message());
            }
            LOG.info("console - operator {} sent test SMS {} for app {}", frame.operator(), ids[0], app.appKey());
            return ConsoleReply.redirect("/console/send?msg_id=" + ids[0] + "&app="
                + URLEncoder.encode(app.appKey(), StandardCharsets.UTF_8) + "&temp_id=" + form.template());
        });
    }

    /** A template with its preview form; the preview itself when the form was sent ({@code preview}). */
    ConsoleReply template(Frame frame, long id, SendForm form, boolean preview) {
        StoredTemplate template = find(id);
        if (template == null) {
            return ConsoleReply.text(HttpResponseStatus.NOT_FOUND, ApiError.INVALID_TEMP_ID.code() + ": "
                + ApiError.INVALID_TEMP_ID.message());
        }
        String appKey = template.appKey() != null ? template.appKey()
            : form.app().isEmpty() ? firstApp() : form.app();
        SendForm shown = new SendForm(appKey, String.valueOf(id), form.signId(), form.mobile(), form.variables());
        if (!preview) {
            return render(frame, HttpResponseStatus.OK, template, shown, null, "");
        }
        AppConfig app = services.config().app(appKey).orElse(null);
        if (app == null) {
            return render(frame, HttpResponseStatus.BAD_REQUEST, template, shown, null, ApiError.INVALID_BODY.code()
                + ": app: " + appKey + " (expected: a configured app)");
        }
        Outcome<String> text;
        try {
            text = admission.preview(new AppRules(app, System::nanoTime), id, shown.sign(), shown.params());
        } catch (IllegalArgumentException e) {
            text = Outcome.fail(ApiError.INVALID_BODY, e.getMessage());
        }
        if (!text.isOk()) {
            return render(frame, HttpResponseStatus.BAD_REQUEST, template, shown, null, text.error().code() + ": "
                + text.message());
        }
        String t = text.value();
        TextPreview result = new TextPreview(t, t.codePointCount(0, t.length()),
            services.segmenter().split(t).size());
        return render(frame, HttpResponseStatus.OK, template, shown, result, "");
    }

    private StoredTemplate find(long id) {
        for (StoredTemplate t : catalog.templates()) {
            if (t.id() == id) {
                return t;
            }
        }
        return null;
    }

    private String firstApp() {
        List<AppConfig> apps = services.config().apps();
        return apps.isEmpty() ? "" : apps.get(0).appKey();
    }

    private List<String> apps() {
        return services.config().apps().stream().map(AppConfig::appKey).toList();
    }

    private CompletableFuture<ConsoleReply> refused(Frame frame, SendForm form, ApiError error, String message) {
        return ConsolePages.done(page(frame, HttpResponseStatus.BAD_REQUEST, form, 0, error.code() + ": " + message));
    }

    private ConsoleReply page(Frame frame, HttpResponseStatus status, SendForm form, long sent, String error) {
        List<String> apps = apps();
        return ConsolePages.page(status, out -> JtesendGenerated.render(out, null, frame, apps, form, sent, error));
    }

    private ConsoleReply render(Frame frame, HttpResponseStatus status, StoredTemplate template, SendForm form,
                                TextPreview preview, String error) {
        List<String> apps = apps();
        return ConsolePages.page(status, out -> JtetemplateGenerated.render(out, null, frame, template, apps, form,
            preview, error));
    }
}
