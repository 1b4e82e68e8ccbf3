package org.cmppgw.gateway.metrics;

import java.util.Locale;

/** How one callback attempt (one HTTP POST to an app) ended; the {@code outcome} label of the callback meters. */
public enum CallbackOutcome {
    /** The app answered 200: acknowledged. */
    DELIVERED,
    /** The app answered something other than 200. */
    REJECTED,
    /** No answer within {@code callbacks.requestTimeout}. */
    TIMEOUT,
    /** Connecting or writing failed. */
    IO_ERROR,
    /** Not attempted: the endpoint's circuit breaker is open. */
    CIRCUIT_OPEN;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The label value, e.g. {@code delivered}. */
    public String label() {
        return label;
    }
}
