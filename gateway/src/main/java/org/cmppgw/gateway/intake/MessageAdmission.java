package org.cmppgw.gateway.intake;

import org.cmppgw.gateway.config.SignatureConfig;
import org.cmppgw.gateway.config.TemplateConfig;
import org.cmppgw.gateway.intake.rules.AdmissionRules;
import org.cmppgw.gateway.intake.rules.AppStanding;
import org.cmppgw.gateway.intake.rules.SensitiveWords;
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
 * callback URL check, mobile validation, template rendering and the 500-character limit (docs/design.md §4), and the
 * admission rules checked on the event loop ({@link AdmissionRules}: frozen account, blacklisted app, SMS not
 * activated, empty parameters, sensitive words; docs/api.md "Admission rules"). Content is {@code 【signature】} +
 * rendered template. Pure CPU, no I/O: safe on an event loop.
 */
public final class MessageAdmission {
    private static final String NO_SIGNATURE = "sign_id missing and the app has no default signature";
    private final TemplateCatalog catalog;
    private final Clock clock;
    private final AdmissionRules rules;
    private final GlobalSms global;

    /**
     * Admission of the configuration's templates and signatures only, without sensitive words, with the standing of
     * apps kept in memory, mainland numbers only.
     */
    public MessageAdmission(List<TemplateConfig> templates, List<SignatureConfig> signatures, Clock clock) {
        this(templates, signatures, clock, defaultRules(), GlobalSms.NONE);
    }

    /** Admission of mainland numbers only. */
    public MessageAdmission(List<TemplateConfig> templates, List<SignatureConfig> signatures, Clock clock,
                            AdmissionRules rules) {
        this(templates, signatures, clock, rules, GlobalSms.NONE);
    }

    /** Admission without sensitive words, with the standing of apps kept in memory. */
    public MessageAdmission(List<TemplateConfig> templates, List<SignatureConfig> signatures, Clock clock,
                            GlobalSms global) {
        this(templates, signatures, clock, defaultRules(), global);
    }

    /** Admission of the configuration's templates and signatures only. */
    public MessageAdmission(List<TemplateConfig> templates, List<SignatureConfig> signatures, Clock clock,
                            AdmissionRules rules, GlobalSms global) {
        this(TemplateCatalog.of(templates, signatures), clock, rules, global);
    }

    /** Admission from {@code catalog}, without sensitive words, apps' standing in memory, mainland numbers only. */
    public MessageAdmission(TemplateCatalog catalog, Clock clock) {
        this(catalog, clock, defaultRules(), GlobalSms.NONE);
    }

    /**
     * @param catalog the templates and signatures, kept up to date by whoever changes them
     * @param clock   stamps {@link AcceptedMessage#acceptedAt()}
     * @param rules   the rules checked here (the per-mobile ones are the store's)
     * @param global  admits numbers outside the mainland (docs/api.md "Global SMS")
     */
    public MessageAdmission(TemplateCatalog catalog, Clock clock, AdmissionRules rules, GlobalSms global) {
        this.catalog = catalog;
        this.clock = clock;
        this.rules = rules;
        this.global = global;
    }

    private static AdmissionRules defaultRules() {
        return new AdmissionRules(AppStanding.inMemory(), SensitiveWords.of(List.of()));
    }

    /** What every recipient of one request shares. */
    private record Resolved(AppRules app, MessageTemplate template, StoredSignature signature, String prefix,
                            String callbackUrl, Instant acceptedAt) {
    }

    public Outcome<AcceptedMessage> admitOne(AppRules app, SendOneRequest request) {
        ApiError standing = standing(app);
        if (standing != null) {
            return Outcome.fail(standing);
        }
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
        ApiError standing = standing(app);
        if (standing != null) {
            return Outcome.fail(standing);
        }
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
        List<Map<String, String>> acceptedParams = new ArrayList<>(recipients.size());
        List<BatchAdmission.Failure> failures = new ArrayList<>();
        for (SendBatchRequest.Recipient r : recipients) {
            String mobile = r == null ? null : r.mobile();
            Map<String, String> params = r == null ? null : r.tempPara();
            Outcome<AcceptedMessage> one = mobile == null || mobile.isBlank()
                ? Outcome.fail(ApiError.MISSING_MOBILE) : recipient(resolved.value(), mobile, params);
            if (one.isOk()) {
                accepted.add(one.value());
                mobiles.add(mobile);
                acceptedParams.add(params);
            } else {
                failures.add(new BatchAdmission.Failure(one.error(), mobile, params));
            }
        }
        return Outcome.ok(new BatchAdmission(accepted, mobiles, failures, acceptedParams));
    }

    /** The account, then the app: frozen (50301), blacklisted (50036), SMS not activated (50008); else null. */
    private ApiError standing(AppRules app) {
        AppStanding standing = rules.standing();
        if (standing.frozen()) {
            return ApiError.ACCOUNT_FROZEN;
        }
        if (standing.blacklisted(app.appKey())) {
            return ApiError.APP_BLACKLISTED;
        }
        return app.smsActivated() ? null : ApiError.SMS_NOT_ACTIVATED;
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
        StoredSignature signature = null;
        if (sign == 0 && signId == null) {
            if (!app.globalSms()) {
                return Outcome.fail(ApiError.SIGNATURE_NOT_SET, NO_SIGNATURE);
            }
            // Global SMS: numbers outside the mainland need no signature; recipient() refuses mainland ones
        } else {
            signature = catalog.signature(app.appKey(), sign);
            if (signature == null) {
                return Outcome.fail(ApiError.SIGNATURE_NOT_EXIST, "unknown sign_id " + sign);
            }
            if (signature.status() != ReviewStatus.APPROVED) {
                return Outcome.fail(ApiError.SIGNATURE_NOT_EXIST, "sign_id " + sign + " is "
                    + (signature.status() == ReviewStatus.PENDING ? "pending review" : "rejected"));
            }
        }
        String callback = app.callbackUrl(callbackUrl);
        if (callback == null) {
            return Outcome.fail(ApiError.INVALID_BODY, "callback_url is not one of the app's registered URLs");
        }
        return Outcome.ok(new Resolved(app, template.template(), signature,
            signature == null ? "" : signature.prefix(), callback, clock.instant()));
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

    private Outcome<AcceptedMessage> recipient(Resolved r, String rawMobile, Map<String, String> params) {
        String mobile = MobileNumbers.normalize(rawMobile.trim());
        if (mobile == null) {
            Outcome<String> international = global.admit(r.app(), rawMobile.trim());
            if (!international.isOk()) {
                return international.failure();
            }
            mobile = international.value();
        } else if (r.signature() == null) {
            return Outcome.fail(ApiError.SIGNATURE_NOT_SET, NO_SIGNATURE);
        }
        Outcome<String> text = text(r.template(), r.prefix(), params);
        if (!text.isOk()) {
            return text.failure();
        }
        String content = text.value();
        TemplateConfig template = r.template().config();
        return Outcome.ok(new AcceptedMessage(r.app().appKey(), mobile, content, template.id(),
            r.signature() == null ? 0 : (int) r.signature().id(), r.callbackUrl(), template.type().priority(),
            r.acceptedAt(), template.type()));
    }

    /**
     * The text a send of template {@code tempId} would carry with {@code params} and signature {@code signId} (the
     * app's default when null), refused as a send would be for its text, but whatever the template's and signature's
     * review status: the console's preview of a template still under review (docs/operations.md "Console").
     */
    public Outcome<String> preview(AppRules app, long tempId, Long signId, Map<String, String> params) {
        TemplateCatalog.Compiled template = catalog.compiled(app.appKey(), tempId);
        if (template == null) {
            return Outcome.fail(ApiError.INVALID_TEMP_ID);
        }
        long sign = signId != null ? signId : catalog.defaultSignId(app.appKey(), app.defaultSignId());
        String prefix = "";
        if (sign != 0) {
            StoredSignature signature = catalog.signature(app.appKey(), sign);
            if (signature == null) {
                return Outcome.fail(ApiError.SIGNATURE_NOT_EXIST, "unknown sign_id " + sign);
            }
            prefix = signature.prefix();
        }
        return text(template.template(), prefix, params);
    }

    /** {@code prefix} + the rendered template, or the error that refuses the values or the text. */
    private Outcome<String> text(MessageTemplate template, String prefix, Map<String, String> params) {
        if (hasBrackets(params)) {
            return Outcome.fail(ApiError.CONTENT_SPECIAL_SYMBOL, "temp_para values may not contain [ ] 【 】");
        }
        String body = template.render(params);
        if (body == null) {
            return Outcome.fail(ApiError.PARAMETERS_NOT_REPLACED);
        }
        if (template.hasBlankValue(params)) {
            return Outcome.fail(ApiError.PARAMETERS_EMPTY);
        }
        String content = prefix + body;
        if (content.codePointCount(0, content.length()) > TemplateConfig.MAX_CONTENT_LENGTH) {
            return Outcome.fail(ApiError.CONTENT_TOO_LONG);
        }
        if (rules.sensitive(content)) {
            return Outcome.fail(ApiError.SENSITIVE_WORDS);
        }
        return Outcome.ok(content);
    }
}
