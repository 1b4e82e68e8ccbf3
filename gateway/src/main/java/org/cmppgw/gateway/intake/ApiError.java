package org.cmppgw.gateway.intake;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * The JSMS error codes these endpoints answer with, and the HTTP status each goes with: the JSMS table's status for
 * every code (docs/api.md, "Errors"). 50019 is the one code with other statuses, where the gateway deliberately
 * differs: 500 for a failure, 503 when the gateway is busy (back-pressure) and 429 for the operator's protections (an
 * app over its request rate, an address over its failed logins), none of which JSMS has a code for.
 */
public enum ApiError {
    MISSING_AUTH(50001, HttpResponseStatus.BAD_REQUEST, "missing auth"),
    AUTH_FAILED(50002, HttpResponseStatus.UNAUTHORIZED, "auth failed"),
    MISSING_BODY(50003, HttpResponseStatus.BAD_REQUEST, "missing body"),
    MISSING_MOBILE(50004, HttpResponseStatus.BAD_REQUEST, "missing mobile"),
    MISSING_TEMP_ID(50005, HttpResponseStatus.BAD_REQUEST, "missing temp_id"),
    INVALID_MOBILE(50006, HttpResponseStatus.FORBIDDEN, "invalid mobile"),
    INVALID_BODY(50007, HttpResponseStatus.FORBIDDEN, "invalid body"),
    BODY_TOO_LARGE(50007, HttpResponseStatus.FORBIDDEN, "invalid body: too large"),
    SMS_NOT_ACTIVATED(50008, HttpResponseStatus.FORBIDDEN, "no sms code auth"),
    OUT_OF_FREQ(50009, HttpResponseStatus.FORBIDDEN, "out of freq"),
    INVALID_TEMP_ID(50013, HttpResponseStatus.FORBIDDEN, "invalid temp_id"),
    API_NOT_FOUND(50016, HttpResponseStatus.NOT_FOUND, "api not found"),
    MEDIA_NOT_SUPPORTED(50017, HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "media not supported"),
    METHOD_NOT_SUPPORTED(50018, HttpResponseStatus.METHOD_NOT_ALLOWED, "method not supported"),
    SERVER_ERROR(50019, HttpResponseStatus.INTERNAL_SERVER_ERROR, "server error"),
    SERVER_BUSY(50019, HttpResponseStatus.SERVICE_UNAVAILABLE, "server busy"),
    APP_OVER_RATE(50019, HttpResponseStatus.TOO_MANY_REQUESTS, "too many requests: app over its rateLimit"),
    TOO_MANY_AUTH_FAILURES(50019, HttpResponseStatus.TOO_MANY_REQUESTS, "too many requests: too many failed logins"),
    TEMPLATE_NOT_APPROVED(50020, HttpResponseStatus.FORBIDDEN, "template not approved"),
    PARAMETERS_NOT_REPLACED(50022, HttpResponseStatus.FORBIDDEN, "parameters not all replaced"),
    PARAMETERS_EMPTY(50023, HttpResponseStatus.FORBIDDEN, "parameters is empty"),
    UNSUBSCRIBED(50024, HttpResponseStatus.FORBIDDEN, "unsubscribed mobile"),
    INVALID_SEND_TIME(50027, HttpResponseStatus.FORBIDDEN, "invalid send_time"),
    INVALID_SCHEDULE_ID(50028, HttpResponseStatus.FORBIDDEN, "invalid schedule_id"),
    WRONG_SCHEDULE_STATUS(50029, HttpResponseStatus.FORBIDDEN, "wrong schedule status"),
    RECIPIENTS_EMPTY(50030, HttpResponseStatus.FORBIDDEN, "recipients empty"),
    TOO_MANY_RECIPIENTS(50031, HttpResponseStatus.FORBIDDEN, "more than 1000 recipients"),
    REPEAT_SEND(50034, HttpResponseStatus.FORBIDDEN, "repeat send"),
    ILLEGAL_IP(50035, HttpResponseStatus.FORBIDDEN, "illegal IP"),
    APP_BLACKLISTED(50036, HttpResponseStatus.FORBIDDEN, "app in black"),
    SENSITIVE_WORDS(50037, HttpResponseStatus.FORBIDDEN, "has black word"),
    CONTENT_TOO_LONG(50038, HttpResponseStatus.FORBIDDEN, "content length"),
    PULL_TOO_OFTEN(50201, HttpResponseStatus.FORBIDDEN, "pull out of frequency"),
    PULL_NOT_ALLOWED(50202, HttpResponseStatus.FORBIDDEN, "pull not allow"),
    ACCOUNT_FROZEN(50301, HttpResponseStatus.FORBIDDEN, "invalid account"),
    INVALID_CODE(50010, HttpResponseStatus.FORBIDDEN, "invalid code"),
    EXPIRED_CODE(50011, HttpResponseStatus.FORBIDDEN, "expired code"),
    VERIFIED_CODE(50012, HttpResponseStatus.FORBIDDEN, "verified code"),
    MISSING_CODE(50015, HttpResponseStatus.BAD_REQUEST, "missing code"),
    WRONG_TEMPLATE_TYPE(50025, HttpResponseStatus.FORBIDDEN, "wrong template type"),
    WRONG_MSG_ID(50026, HttpResponseStatus.FORBIDDEN, "wrong msg_id"),
    INVALID_VOICE_CODE_LENGTH(50038, HttpResponseStatus.FORBIDDEN, "invalid content length"),
    INVALID_CODE_TYPE(50039, HttpResponseStatus.FORBIDDEN, "invalid code type"),
    INVALID_VOICE_LANG(50040, HttpResponseStatus.FORBIDDEN, "invalid voice language type"),
    INVALID_TTL(50041, HttpResponseStatus.FORBIDDEN, "invalid ttl value"),
    // templates and signatures (docs/api.md "Templates", "Signatures")
    TEMPLATE_REJECTED(50021, HttpResponseStatus.FORBIDDEN, "template not pass"),
    TEMPLATE_EMPTY(50042, HttpResponseStatus.FORBIDDEN, "template is empty"),
    TEMPLATE_TOO_LONG(50043, HttpResponseStatus.FORBIDDEN, "template too long"),
    TEMPLATE_PARAMETER_INVALID(50044, HttpResponseStatus.FORBIDDEN, "template parameter invalid"),
    REMARK_TOO_LONG(50045, HttpResponseStatus.FORBIDDEN, "remark too long"),
    SIGNATURE_NOT_SET(50046, HttpResponseStatus.FORBIDDEN, "signature not set"),
    TEMPLATE_NOT_MODIFIABLE(50047, HttpResponseStatus.FORBIDDEN, "modify template not allow"),
    SIGNATURE_NOT_EXIST(50051, HttpResponseStatus.FORBIDDEN, "signatures not exist"),
    TEMPLATE_SPECIAL_SYMBOL(50052, HttpResponseStatus.FORBIDDEN, "template contains special symbol"),
    LINK_NEEDS_REMARK(50053, HttpResponseStatus.FORBIDDEN,
        "special template parameter need extra remark for confirmation"),
    CONTENT_SPECIAL_SYMBOL(50054, HttpResponseStatus.FORBIDDEN, "content contains special symbol"),
    INVALID_IMAGE(50101, HttpResponseStatus.FORBIDDEN, "invalid image"),
    INVALID_SIGN_ID(50102, HttpResponseStatus.FORBIDDEN, "invalid sign id"),
    SIGNATURE_IN_REVIEW(50103, HttpResponseStatus.FORBIDDEN, "other signatures in the audit"),
    INVALID_SIGNATURE(50104, HttpResponseStatus.FORBIDDEN, "invalid signature"),
    DEFAULT_SIGNATURE(50105, HttpResponseStatus.FORBIDDEN, "default signature cannot be deleted"),
    // operator API (docs/api.md "Operator API")
    NOT_PENDING(50007, HttpResponseStatus.CONFLICT, "not pending review"),
    // idempotent sends (docs/api.md "When the database is slow or down")
    KEY_IN_USE(50019, HttpResponseStatus.CONFLICT, "request in progress"),
    // balances and billing (docs/api.md "Balances and billing")
    NO_MONEY(50014, HttpResponseStatus.FORBIDDEN, "no money"),
    // users and sends to users (docs/api.md "Users"), codes of this gateway's
    USER_NOT_FOUND(50401, HttpResponseStatus.FORBIDDEN, "user not found"),
    TOO_MANY_USERS(50402, HttpResponseStatus.FORBIDDEN, "too many users"),
    POLICY_NOT_FOUND(50403, HttpResponseStatus.FORBIDDEN, "invalid policy_id"),
    POLICY_RUN_NOT_FOUND(50404, HttpResponseStatus.FORBIDDEN, "invalid run_id"),
    // click tracking (docs/api.md "Click tracking"), codes of this gateway's
    CLICK_TRACKING_OFF(50501, HttpResponseStatus.FORBIDDEN, "click tracking not enabled"),
    LINK_NOT_FOUND(50502, HttpResponseStatus.NOT_FOUND, "link not found");

    /** The JSMS code of a success, used as the {@code code} label of successful requests. */
    public static final int SUCCESS_CODE = 50000;

    private final int code;
    private final HttpResponseStatus status;
    private final String message;

    ApiError(int code, HttpResponseStatus status, String message) {
        this.code = code;
        this.status = status;
        this.message = message;
    }

    /**
     * The error of a recipient the store's per-mobile rules refused ({@code RecipientRules}: 50009, 50024, 50034) or
     * its balance could not pay (50014).
     *
     * @throws IllegalArgumentException for any other code
     */
    public static ApiError ofRecipientRule(int code) {
        return switch (code) {
            case 50009 -> OUT_OF_FREQ;
            case 50024 -> UNSUBSCRIBED;
            case 50034 -> REPEAT_SEND;
            case 50014 -> NO_MONEY;
            default -> throw new IllegalArgumentException("code: " + code
                + " (expected: 50009, 50014, 50024 or 50034)");
        };
    }

    public int code() {
        return code;
    }

    public HttpResponseStatus status() {
        return status;
    }

    /** The default message of the error body. */
    public String message() {
        return message;
    }
}
