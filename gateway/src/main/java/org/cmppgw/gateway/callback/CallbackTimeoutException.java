package org.cmppgw.gateway.callback;

import java.net.URI;
import java.util.concurrent.TimeUnit;

/** A callback POST got no complete answer within {@code callbacks.requestTimeout}; made without a stack trace. */
final class CallbackTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CallbackTimeoutException(URI uri, long timeoutNanos) {
        super("callback POST to " + EndpointLane.keyOf(uri) + " - no answer within "
            + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms", null, false, false);
    }
}
