package org.cmppgw.gateway.callback;

/**
 * An app answered a callback with something other than HTTP 200: a failure for its endpoint's circuit breaker. Made
 * without a stack trace; it only ever feeds the breaker's failure count.
 */
final class CallbackRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CallbackRejectedException(String endpoint, int httpStatus) {
        super("callback endpoint " + endpoint + " - answered HTTP " + httpStatus + " (expected: 200)", null, false,
            false);
    }
}
