package org.cmppgw.simulator.fakejsms;

import io.netty.handler.codec.http.HttpResponseStatus;

/** The JSMS error codes the fake endpoint answers with, with their HTTP statuses (docs/api.md error table). */
enum JsmsError {
    MISSING_AUTH(50001, HttpResponseStatus.BAD_REQUEST, "missing auth"),
    AUTH_FAILED(50002, HttpResponseStatus.UNAUTHORIZED, "auth failed"),
    MISSING_BODY(50003, HttpResponseStatus.BAD_REQUEST, "missing body"),
    MISSING_MOBILE(50004, HttpResponseStatus.BAD_REQUEST, "missing mobile"),
    MISSING_TEMP_ID(50005, HttpResponseStatus.BAD_REQUEST, "missing temp_id"),
    INVALID_MOBILE(50006, HttpResponseStatus.FORBIDDEN, "invalid mobile"),
    INVALID_BODY(50007, HttpResponseStatus.BAD_REQUEST, "invalid body"),
    API_NOT_FOUND(50016, HttpResponseStatus.NOT_FOUND, "api not found"),
    MEDIA_NOT_SUPPORTED(50017, HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "media not supported"),
    METHOD_NOT_SUPPORTED(50018, HttpResponseStatus.METHOD_NOT_ALLOWED, "method not supported"),
    RECIPIENTS_EMPTY(50030, HttpResponseStatus.FORBIDDEN, "recipients empty"),
    TOO_MANY_RECIPIENTS(50031, HttpResponseStatus.FORBIDDEN, "more than 1000 recipients");

    private final int code;
    private final HttpResponseStatus status;
    private final String message;

    JsmsError(int code, HttpResponseStatus status, String message) {
        this.code = code;
        this.status = status;
        this.message = message;
    }

    int code() {
        return code;
    }

    HttpResponseStatus status() {
        return status;
    }

    String message() {
        return message;
    }

    /** The error body: {@code {"error":{"code":50002,"message":"auth failed"}}}. */
    String body() {
        return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\"}}";
    }
}
