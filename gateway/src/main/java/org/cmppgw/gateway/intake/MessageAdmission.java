package org.cmppgw.gateway.intake;

import org.cmppgw.gateway.config.SignatureConfig;
import org.cmppgw.gateway.config.TemplateConfig;
import org.cmppgw.gateway.model.MobileNumbers;
import org.cmppgw.gateway.model.ReviewStatus;
import org.cmppgw.gateway.model.StoredSignature;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a parsed request into accepted messages or the JSMS error that refuses it: template and signature lookup,
 * callback URL check, mobile validation, template rendering and the 500-character limit (docs/design.md §4). Content is
 * {@code 【signature】} + rendered template. Pure CPU, no I/O: safe on an event loop.
 */
public final class MessageAdmission {
    private final TemplateCatalog catalog;
    private final Clock clock;

    /**
     * Admission with the configuration's templates and signatures only.
     *
     * @param clock stamps {@link AcceptedMessage#acceptedAt()}
     */
    public MessageAdmission(List<TemplateConfig> templates, List<SignatureConfig> signatures, Clock clock) {
        this(TemplateCatalog.of(templates, signatures), clock);
    }

    /**
     * @param catalog the templates and signatures, kept up to date by whoever changes them
     * @param clock   stamps {@link AcceptedMessage#acceptedAt()}
     */
    public MessageAdmission(TemplateCatalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    /** What every recipient of one request shares. */
    private record Resolved(AppRules app, MessageTemplate template, StoredSignature signature, String prefix,
                            String callbackUrl, Instant acceptedAt) {
    }

    public Outcome<AcceptedMessage> admitOne(AppRules app, SendOneRequest request) {
        if (request.mobile() == null || request.mobile().isBlank()) {
            return Outcome.fail(ApiError.MISSING_MOBILE);
        }
        Outcome<Resolved> resolved = resolve(app, request.tempId(), request.signId(), request.callbackUrl());
        if (!resolved.isOk()) {
            return resolved.failure();
        }
        return recipient(resolved.value(), request.mobile(), request.tempPara());
    }

    public Outcome<BatchAdmission> admitBatch(AppRules app, SendBatchRequest request) {
        Outcome<Resolved> resolved = resolve(app, request.tempId(), request.signId(), request.callbackUrl());
        if (!resolved.isOk()) {
            return resolved.failure();
        }
        List<SendBatchRequest.Recipient> recipients = request.recipients();
        if (recipients == null || recipients.isEmpty()) {
            return Outcome.fail(ApiError.RECIPIENTS_EMPTY);
        }
        if (recipients.size() > SendBatchRequest.MAX_RECIPIENTS) {
            return Outcome.fail(ApiError.TOO_MANY_RECIPIENTS);
        }
        List<AcceptedMessage> accepted = new ArrayList<>(recipients.size());
        List<String> mobiles = new ArrayList<>(recipients.size());
        List<BatchAdmission.Failure> failures = new ArrayList<>();
        for (SendBatchRequest.Recipient r : recipients) {
            String mobile = r == null ? null : r.mobile();
            Map<String, String> params = r == null ? null : r.tempPara();
            Outcome<AcceptedMessage> one = mobile == null || mobile.isBlank()
                ? Outcome.fail(ApiError.MISSING_MOBILE) : recipient(resolved.value(), mobile, params);
            if (one.isOk()) {
                accepted.add(one.value());
                mobiles.add(mobile);
            } else {
                failures.add(new BatchAdmission.Failure(one.error(), mobile, params));
            }
        }
        return Outcome.ok(new BatchAdmission(accepted, mobiles, failures));
    }

    private Outcome<Resolved> resolve(AppRules app, Long tempId, Long signId, String callbackUrl) {
        if (tempId == null) {
            return Outcome.fail(ApiError.MISSING_TEMP_ID);
        }
        TemplateCatalog.Compiled template = catalog.compiled(app.appKey(), tempId);
        if (template == null) {
            return Outcome.fail(ApiError.INVALID_TEMP_ID);
        }
        ReviewStatus status = template.stored().status();
        if (status != ReviewStatus.APPROVED) {
            return Outcome.fail(status == ReviewStatus.PENDING ? ApiError.TEMPLATE_NOT_APPROVED
                : ApiError.TEMPLATE_REJECTED);
        }
        long sign = signId != null ? signId : catalog.defaultSignId(app.appKey(), app.defaultSignId());
        if (sign == 0 && signId == null) {
            return Outcome.fail(ApiError.SIGNATURE_NOT_SET, "sign_id missing and the app has no default signature");
        }
        StoredSignature signature = catalog.signature(app.appKey(), sign);
        if (signature == null) {
            return Outcome.fail(ApiError.SIGNATURE_NOT_EXIST, "unknown sign_id " + sign);
        }
        if (signature.status() != ReviewStatus.APPROVED) {
            return Outcome.fail(ApiError.SIGNATURE_NOT_EXIST, "sign_id " + sign + " is "
                + (signature.status() == ReviewStatus.PENDING ? "pending review" : "rejected"));
        }
        String callback = app.callbackUrl(callbackUrl);
        if (callback == null) {
            return Outcome.fail(ApiError.INVALID_BODY, "callback_url is not one of the app's registered URLs");
        }
        return Outcome.ok(new Resolved(app, template.template(), signature, signature.prefix(), callback,
            clock.instant()));
    }

    /** JSMS 50054: a value with brackets would read as a second signature, or forge one. */
    private static boolean hasBrackets(Map<String, String> params) {
        if (params == null) {
            return false;
        }
        for (String value : params.values()) {
            if (value == null) {
                continue;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '[' || c == ']' || c == '【' || c == '】') {
                    return true;
                }
            }
        }
        return false;
    }

    private static Outcome<AcceptedMessage> recipient(Resolved r, String rawMobile, Map<String, String> params) {
        String mobile = MobileNumbers.normalize(rawMobile.trim());
        if (mobile == null) {
            return Outcome.fail(ApiError.INVALID_MOBILE);
        }
        if (hasBrackets(params)) {
            return Outcome.fail(ApiError.CONTENT_SPECIAL_SYMBOL, "temp_para values may not contain [ ] 【 】");
        }
        String body = r.template().render(params);
        if (body == null) {
            return Outcome.fail(ApiError.PARAMETERS_NOT_REPLACED);
        }
        String content = r.prefix() + body;
        if (content.codePointCount(0, content.length()) > TemplateConfig.MAX_CONTENT_LENGTH) {
            return Outcome.fail(ApiError.CONTENT_TOO_LONG);
        }
        return Outcome.ok(new AcceptedMessage(r.app().appKey(), mobile, content, r.template().config().id(),
            (int) r.signature().id(), r.callbackUrl(), r.template().config().type().priority(), r.acceptedAt()));
    }
}
