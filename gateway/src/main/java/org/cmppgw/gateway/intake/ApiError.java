package org.cmppgw.gateway.intake;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * The JSMS error codes these endpoints answer with, and the HTTP status each goes with (docs/api.md table). The
 * same code may appear with two statuses: 50019 is 500 for a failure and 503 when the gateway is busy; 50009 is 403
 * for an app over its rate and 429 for an address over its failed logins.
 */
public enum ApiError {
    MISSING_AUTH(50001, HttpResponseStatus.BAD_REQUEST, "missing auth"),
    AUTH_FAILED(50002, HttpResponseStatus.UNAUTHORIZED, "auth failed"),
    MISSING_BODY(50003, HttpResponseStatus.BAD_REQUEST, "missing body"),
    MISSING_MOBILE(50004, HttpResponseStatus.BAD_REQUEST, "missing mobile"),
    MISSING_TEMP_ID(50005, HttpResponseStatus.BAD_REQUEST, "missing temp_id"),
    INVALID_MOBILE(50006, HttpResponseStatus.FORBIDDEN, "invalid mobile"),
    INVALID_BODY(50007, HttpResponseStatus.BAD_REQUEST, "invalid body"),
    BODY_TOO_LARGE(50007, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "invalid body: too large"),
    OUT_OF_FREQ(50009, HttpResponseStatus.FORBIDDEN, "out of freq"),
    TOO_MANY_AUTH_FAILURES(50009, HttpResponseStatus.TOO_MANY_REQUESTS, "out of freq: too many failed logins"),
    INVALID_TEMP_ID(50013, HttpResponseStatus.FORBIDDEN, "invalid temp_id"),
    API_NOT_FOUND(50016, HttpResponseStatus.NOT_FOUND, "api not found"),
    MEDIA_NOT_SUPPORTED(50017, HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "media not supported"),
    METHOD_NOT_SUPPORTED(50018, HttpResponseStatus.METHOD_NOT_ALLOWED, "method not supported"),
    SERVER_ERROR(50019, HttpResponseStatus.INTERNAL_SERVER_ERROR, "server error"),
    SERVER_BUSY(50019, HttpResponseStatus.SERVICE_UNAVAILABLE, "server busy"),
    TEMPLATE_NOT_APPROVED(50020, HttpResponseStatus.FORBIDDEN, "template not approved"),
    PARAMETERS_NOT_REPLACED(50022, HttpResponseStatus.FORBIDDEN, "parameters not all replaced"),
    RECIPIENTS_EMPTY(50030, HttpResponseStatus.FORBIDDEN, "recipients empty"),
    TOO_MANY_RECIPIENTS(50031, HttpResponseStatus.FORBIDDEN, "more than 1000 recipients"),
    ILLEGAL_IP(50035, HttpResponseStatus.FORBIDDEN, "illegal IP"),
    CONTENT_TOO_LONG(50038, HttpResponseStatus.FORBIDDEN, "content length"),
    // templates and signatures (docs/api.md "Templates", "Signatures")
    TEMPLATE_REJECTED(50021, HttpResponseStatus.FORBIDDEN, "template not pass"),
    WRONG_TEMPLATE_TYPE(50025, HttpResponseStatus.FORBIDDEN, "wrong template type"),
    INVALID_TTL(50041, HttpResponseStatus.FORBIDDEN, "invalid ttl value"),
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
    NOT_PENDING(50007, HttpResponseStatus.CONFLICT, "not pending review");

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
