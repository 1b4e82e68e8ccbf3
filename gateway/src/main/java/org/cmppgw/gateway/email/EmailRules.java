package org.cmppgw.gateway.email;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.AppRules;
import org.cmppgw.gateway.intake.Outcome;
import org.cmppgw.gateway.intake.rules.AdmissionRules;
import org.cmppgw.gateway.intake.rules.AppStanding;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a {@code POST /v1/emails} body (docs/api.md "Emails"): the account not frozen (50301) and the app not
 * blacklisted (50036), as for SMS; recipients present and within the limits, each a strict RFC 822 address without a
 * display name, a subject, at least one body, no sensitive word in the subject or a body (50037), a registered
 * callback URL. Every refusal is a JSMS error naming the field. The per-mobile rules (frequency, repeats,
 * unsubscribe) count SMS to mobiles and do not apply. Thread-safe.
 */
public final class EmailRules {
    /** Recipients of {@code to} in one request: each is a row and a copy. */
    public static final int MAX_TO = 100;
    /** Recipients of {@code cc} and of {@code bcc}, each. */
    public static final int MAX_COPIES = 50;
    /** RFC 5321: a path is at most 256 octets; the column allows the 320 of a full local part and domain. */
    public static final int MAX_ADDRESS_LENGTH = 320;
    /** RFC 5322 line limit, so the header never needs folding tricks from the caller. */
    public static final int MAX_SUBJECT_LENGTH = 998;
    public static final int MAX_SENDER_NAME_LENGTH = 128;
    /** The {@code cc_list} and {@code bcc_list} columns: the addresses joined with commas. */
    public static final int MAX_COPIES_LENGTH = 4000;

    private final Clock clock;
    private final AdmissionRules admission;

    /** @param admission the standing of the account and apps, and the sensitive words, shared with SMS */
    public EmailRules(Clock clock, AdmissionRules admission) {
        this.clock = clock;
        this.admission = admission;
    }

    public Outcome<NewEmail> admit(AppRules app, EmailRequest request) {
        AppStanding standing = admission.standing();
        if (standing.frozen()) {
            return Outcome.fail(ApiError.ACCOUNT_FROZEN);
        }
        if (standing.blacklisted(app.appKey())) {
            return Outcome.fail(ApiError.APP_BLACKLISTED);
        }
        if (request.to() == null || request.to().isEmpty()) {
            return Outcome.fail(ApiError.RECIPIENTS_EMPTY, "to is missing or empty");
        }
        if (request.to().size() > MAX_TO) {
            return Outcome.fail(ApiError.TOO_MANY_RECIPIENTS, "to has " + request.to().size()
                + " recipients (expected: at most " + MAX_TO + ")");
        }
        Outcome<List<String>> to = addresses("to", request.to(), MAX_TO);
        Outcome<List<String>> cc = addresses("cc", request.cc(), MAX_COPIES);
        Outcome<List<String>> bcc = addresses("bcc", request.bcc(), MAX_COPIES);
        for (Outcome<List<String>> list : List.of(to, cc, bcc)) {
            if (!list.isOk()) {
                return list.failure();
            }
        }
        String subject = request.subject();
        if (subject == null || subject.isBlank()) {
            return Outcome.fail(ApiError.INVALID_BODY, "subject is missing");
        }
        if (subject.length() > MAX_SUBJECT_LENGTH || hasLineBreak(subject)) {
            return Outcome.fail(ApiError.INVALID_BODY, "subject: at most " + MAX_SUBJECT_LENGTH
                + " characters on one line");
        }
        String text = emptyToNull(request.text());
        String html = emptyToNull(request.html());
        if (text == null && html == null) {
            return Outcome.fail(ApiError.INVALID_BODY, "text or html is required");
        }
        for (String part : new String[] {subject, text, html}) {
            if (part != null && admission.sensitive(part)) {
                return Outcome.fail(ApiError.SENSITIVE_WORDS);
            }
        }
        String senderName = request.senderName() == null ? "" : request.senderName();
        if (senderName.length() > MAX_SENDER_NAME_LENGTH || hasLineBreak(senderName)) {
            return Outcome.fail(ApiError.INVALID_BODY, "sender_name: at most " + MAX_SENDER_NAME_LENGTH
                + " characters on one line");
        }
        String callback = app.callbackUrl(request.callbackUrl());
        if (callback == null) {
            return Outcome.fail(ApiError.INVALID_BODY, "callback_url is not one of the app's registered URLs");
        }
        return Outcome.ok(new NewEmail(app.appKey(), to.value(), cc.value(), bcc.value(), subject, text, html,
            senderName, callback, clock.instant(), request.tracksLinks()));
    }

    /** The addresses of one field, each checked strictly; an absent field is empty. */
    static Outcome<List<String>> addresses(String field, List<String> given, int max) {
        if (given == null) {
            return Outcome.ok(List.of());
        }
        if (given.size() > max) {
            return Outcome.fail(ApiError.TOO_MANY_RECIPIENTS, field + " has " + given.size()
                + " recipients (expected: at most " + max + ")");
        }
        if (String.join(",", given).length() > MAX_COPIES_LENGTH) {
            return Outcome.fail(ApiError.INVALID_BODY, field + ": the addresses are longer than " + MAX_COPIES_LENGTH
                + " characters together");
        }
        List<String> checked = new ArrayList<>(given.size());
        for (int i = 0; i < given.size(); i++) {
            String address = given.get(i);
            if (!isAddress(address)) {
                return Outcome.fail(ApiError.INVALID_BODY, field + "[" + i + "]: \"" + address
                    + "\" is not an email address (expected: e.g. name@example.com)");
            }
            checked.add(address);
        }
        return Outcome.ok(List.copyOf(checked));
    }

    /** A bare {@code local@domain}: strict RFC 822 syntax, a dotted domain, no display name, no group. */
    public static boolean isAddress(String address) {
        if (address == null || address.isEmpty() || address.length() > MAX_ADDRESS_LENGTH) {
            return false;
        }
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            parsed.validate();
            String bare = parsed.getAddress();
            int at = bare.lastIndexOf('@');
            return parsed.getPersonal() == null && !parsed.isGroup() && bare.equals(address) && at > 0
                && bare.indexOf('.', at) > at + 1 && !bare.endsWith(".");
        } catch (AddressException e) {
            return false;
        }
    }

    private static boolean hasLineBreak(String value) {
        return value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
