package org.cmppgw.gateway.metrics;

/**
 * Meters of one CMPP connection of a provider, resolved once when the session logs in
 * ({@link ProviderMetrics#session}). Call it on the session's event loop; nothing here allocates or blocks.
 * {@link #close()} when the connection ends: it drops the window gauge (counters keep counting across reconnects of
 * the same session index).
 */
public interface SessionMetrics extends AutoCloseable {
    /** Reports nothing. */
    SessionMetrics NOOP = new SessionMetrics() {
    };

    /** A SUBMIT was written (resends included). {@code cmppgw_provider_submits_total}. */
    default void submitSent() {
    }

    /**
     * A SUBMIT_RESP arrived with {@code result} (docs/cmpp-protocol.md §11.2: 0 ok, 8 flow control, …).
     * {@code cmppgw_provider_submit_responses_total{result}}.
     */
    default void submitResponse(long result) {
    }

    /** A SUBMIT got no response after all its sends. {@code cmppgw_provider_submit_timeouts_total}. */
    default void submitTimeout() {
    }

    /**
     * A response arrived that no request of this connection waits for: late after a timeout, a duplicate, or the
     * carrier answering on the wrong connection. {@code cmppgw_provider_unmatched_responses_total}.
     */
    default void responseUnmatched() {
    }

    /** The session ended. Idempotent. */
    @Override
    default void close() {
    }
}
