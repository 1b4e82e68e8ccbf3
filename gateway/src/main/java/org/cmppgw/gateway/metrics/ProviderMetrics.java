package org.cmppgw.gateway.metrics;

import java.util.function.IntSupplier;

/**
 * Meters of one provider (a CMPP account), resolved once with {@link GatewayMetrics#provider(String)} and kept by
 * the provider pool. Thread-safe; nothing here allocates or blocks.
 */
public interface ProviderMetrics {
    /** Reports nothing. */
    ProviderMetrics NOOP = new ProviderMetrics() {
    };

    /**
     * Meters for one logged-in connection. {@code session} is the connection's index in the pool ({@code "0"} ..
     * {@code connections-1}), never a channel id, so labels stay bounded across reconnects. {@code windowInUse} is
     * read at scrape time from another thread: back it with a volatile or an atomic.
     */
    default SessionMetrics session(String session, IntSupplier windowInUse) {
        return SessionMetrics.NOOP;
    }

    /** A connection is being re-established (lost, or login failed). {@code cmppgw_provider_reconnects_total}. */
    default void reconnect() {
    }

    /**
     * A submit waited {@code waitNanos} for the provider's TPS limit.
     * {@code cmppgw_provider_rate_limit_wait_seconds_{count,sum,max}}.
     */
    default void rateLimitWait(long waitNanos) {
    }

    /**
     * A status report arrived with Stat {@code stat} ({@code DELIVRD}, {@code UNDELIV}, …; any other value is
     * counted as {@code other} to keep the label bounded). {@code cmppgw_provider_delivery_reports_total{stat}}.
     */
    default void deliveryReport(String stat) {
    }

    /** A status report matched no known submit yet (parked). {@code cmppgw_provider_unmatched_reports_total}. */
    default void unmatchedReport() {
    }

    /** Time from a part's SUBMIT to its status report. {@code cmppgw_provider_submit_to_report_seconds}. */
    default void submitToReport(long nanos) {
    }

    /** A mobile-originated message (uplink reply) arrived. {@code cmppgw_provider_mo_messages_total}. */
    default void moReceived() {
    }
}
