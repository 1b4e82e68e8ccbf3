package org.cmppgw.gateway.metrics;

import java.util.function.LongSupplier;

/**
 * The one interface every part of the gateway reports through (HikariCP's {@code IMetricsTracker} style): every
 * method has a no-op default, so a component takes a {@code GatewayMetrics} and tests pass {@link #NOOP}. Per-message
 * calls on the CMPP path go through the handles {@link #provider(String)} returns, resolved once.
 *
 * <p>Labels are bounded: endpoint, HTTP status and JSMS code, provider name, session index, SUBMIT_RESP result, Stat,
 * callback outcome, store operation, queue name. Never a phone number, message id or URL.
 *
 * <p>Meter names as Prometheus shows them ({@link PrometheusGatewayMetrics}); dashboards depend on them:
 * <table>
 *   <caption>meters</caption>
 *   <tr><th>name</th><th>type</th><th>labels</th><th>reported by</th></tr>
 *   <tr><td>{@code cmppgw_api_connections_total}</td><td>counter</td><td></td>
 *       <td>{@link #apiConnectionOpened}</td></tr>
 *   <tr><td>{@code cmppgw_api_connections_active}</td><td>gauge</td><td></td><td>opened − closed</td></tr>
 *   <tr><td>{@code cmppgw_api_connections_refused_total}</td><td>counter</td><td>limit</td>
 *       <td>{@link #apiConnectionRefused}</td></tr>
 *   <tr><td>{@code cmppgw_api_request_timeouts_total}</td><td>counter</td><td></td>
 *       <td>{@link #apiRequestTimedOut}</td></tr>
 *   <tr><td>{@code cmppgw_api_requests_total}</td><td>counter</td><td>endpoint, status, code</td>
 *       <td>{@link #apiRequest}</td></tr>
 *   <tr><td>{@code cmppgw_api_request_duration_seconds}</td><td>histogram</td><td>endpoint</td>
 *       <td>{@link #apiRequest}</td></tr>
 *   <tr><td>{@code cmppgw_api_messages_accepted_total}</td><td>counter</td><td>endpoint</td>
 *       <td>{@link #messagesAccepted}</td></tr>
 *   <tr><td>{@code cmppgw_api_recipients_rejected_total}</td><td>counter</td><td>endpoint, code</td>
 *       <td>{@link #recipientsRejected}</td></tr>
 *   <tr><td>{@code cmppgw_provider_sessions_active}</td><td>gauge</td><td>provider</td>
 *       <td>open {@link SessionMetrics}</td></tr>
 *   <tr><td>{@code cmppgw_provider_submits_total}</td><td>counter</td><td>provider, session</td>
 *       <td>{@link SessionMetrics#submitSent}</td></tr>
 *   <tr><td>{@code cmppgw_provider_submit_responses_total}</td><td>counter</td><td>provider, session, result</td>
 *       <td>{@link SessionMetrics#submitResponse}</td></tr>
 *   <tr><td>{@code cmppgw_provider_submit_timeouts_total}</td><td>counter</td><td>provider, session</td>
 *       <td>{@link SessionMetrics#submitTimeout}</td></tr>
 *   <tr><td>{@code cmppgw_provider_unmatched_responses_total}</td><td>counter</td><td>provider, session</td>
 *       <td>{@link SessionMetrics#responseUnmatched}</td></tr>
 *   <tr><td>{@code cmppgw_provider_window_in_use}</td><td>gauge</td><td>provider, session</td>
 *       <td>{@link ProviderMetrics#session}</td></tr>
 *   <tr><td>{@code cmppgw_provider_rate_limit_wait_seconds}</td><td>summary (count, sum, max)</td><td>provider</td>
 *       <td>{@link ProviderMetrics#rateLimitWait}</td></tr>
 *   <tr><td>{@code cmppgw_provider_reconnects_total}</td><td>counter</td><td>provider</td>
 *       <td>{@link ProviderMetrics#reconnect}</td></tr>
 *   <tr><td>{@code cmppgw_provider_delivery_reports_total}</td><td>counter</td><td>provider, stat</td>
 *       <td>{@link ProviderMetrics#deliveryReport}</td></tr>
 *   <tr><td>{@code cmppgw_provider_unmatched_reports_total}</td><td>counter</td><td>provider</td>
 *       <td>{@link ProviderMetrics#unmatchedReport}</td></tr>
 *   <tr><td>{@code cmppgw_reports_mismatched}</td><td>gauge</td><td></td>
 *       <td>{@link #registerMismatchedReports}</td></tr>
 *   <tr><td>{@code cmppgw_provider_submit_to_report_seconds}</td><td>histogram</td><td>provider</td>
 *       <td>{@link ProviderMetrics#submitToReport}</td></tr>
 *   <tr><td>{@code cmppgw_provider_mo_messages_total}</td><td>counter</td><td>provider</td>
 *       <td>{@link ProviderMetrics#moReceived}</td></tr>
 *   <tr><td>{@code cmppgw_store_batch_size}</td><td>histogram</td><td>operation</td>
 *       <td>{@link #storeCommit}</td></tr>
 *   <tr><td>{@code cmppgw_store_commit_seconds}</td><td>histogram</td><td>operation</td>
 *       <td>{@link #storeCommit}</td></tr>
 *   <tr><td>{@code cmppgw_resends_after_crash_total}</td><td>counter</td><td></td>
 *       <td>{@link #resentAfterCrash}</td></tr>
 *   <tr><td>{@code cmppgw_callback_attempts_total}</td><td>counter</td><td>outcome</td>
 *       <td>{@link #callbackAttempt}</td></tr>
 *   <tr><td>{@code cmppgw_callback_duration_seconds}</td><td>histogram</td><td>outcome</td>
 *       <td>{@link #callbackAttempt}</td></tr>
 *   <tr><td>{@code cmppgw_callback_failures_total}</td><td>counter</td><td></td><td>{@link #callbackGaveUp}</td></tr>
 *   <tr><td>{@code cmppgw_callback_stale_retries_total}</td><td>counter</td><td></td>
 *       <td>{@link #callbackStaleRetry}</td></tr>
 *   <tr><td>{@code cmppgw_queue_depth}</td><td>gauge</td><td>queue</td><td>{@link #registerQueue}</td></tr>
 *   <tr><td>{@code cmppgw_backlog_messages}</td><td>gauge</td><td>provider, priority, place</td>
 *       <td>{@link #registerBacklog}</td></tr>
 *   <tr><td>{@code cmppgw_expired_total}</td><td>counter</td><td>kind</td><td>{@link #expired}</td></tr>
 *   <tr><td>{@code cmppgw_moved_to_backup_total}</td><td>counter</td><td>provider</td>
 *       <td>{@link #movedToBackup}</td></tr>
 *   <tr><td>{@code cmppgw_history_purged_total}</td><td>counter</td><td>kind</td><td>{@link #historyPurged}</td></tr>
 *   <tr><td>{@code cmppgw_email_sends_total}</td><td>counter</td><td>provider, outcome</td>
 *       <td>{@link #emailSend}</td></tr>
 *   <tr><td>{@code cmppgw_email_connections_opened_total}</td><td>counter</td><td>provider</td>
 *       <td>{@link #smtpConnectionOpened}</td></tr>
 *   <tr><td>{@code cmppgw_clicks_total}</td><td>counter</td><td>channel</td><td>{@link #click}</td></tr>
 *   <tr><td>{@code cmppgw_click_unknown_total}</td><td>counter</td><td></td><td>{@link #unknownClick}</td></tr>
 * </table>
 * Plus Micrometer's JVM and process meters ({@code jvm_*}, {@code process_*}, {@code system_*}).
 */
public interface GatewayMetrics extends AutoCloseable {
    /** Reports nothing. */
    GatewayMetrics NOOP = new GatewayMetrics() {
    };

    /** A client opened a connection to the HTTP API. */
    default void apiConnectionOpened() {
    }

    /** A client's connection to the HTTP API closed. */
    default void apiConnectionClosed() {
    }

    /**
     * A connection to the HTTP API was closed at once because it was over a limit.
     *
     * @param limit {@code total} ({@code server.maxConnections}) or {@code per_address}
     *              ({@code server.maxConnectionsPerAddress})
     */
    default void apiConnectionRefused(String limit) {
    }

    /** A connection was cut off because its request was not complete within {@code server.requestReadTimeout}. */
    default void apiRequestTimedOut() {
    }

    /** A send's messages were withdrawn unstored: the store had not taken them within {@code server.acceptTimeout}. */
    default void acceptWithdrawn(int messages) {
    }

    /**
     * A send was answered 503 "outcome unknown": its group commit was under way at {@code server.acceptTimeout}, and
     * the commit, not the answer, decides whether its messages are stored.
     */
    default void acceptOutcomeUnknown(int messages) {
    }

    /**
     * One HTTP API request was answered.
     *
     * @param endpoint      {@code messages}, {@code messages_batch}, or {@code other} for unknown paths
     * @param httpStatus    the HTTP status sent
     * @param code          the JSMS code sent, 50000 for success
     * @param durationNanos from the full request read to the response written
     */
    default void apiRequest(String endpoint, int httpStatus, int code, long durationNanos) {
    }

    /** {@code count} messages of one request were made durable and got msg ids. */
    default void messagesAccepted(String endpoint, int count) {
    }

    /** {@code count} recipients of one batch request were refused with JSMS {@code code}. */
    default void recipientsRejected(String endpoint, int code, int count) {
    }

    /** The meters of one provider; keep the handle, don't look it up per message. */
    default ProviderMetrics provider(String provider) {
        return ProviderMetrics.NOOP;
    }

    /**
     * One group commit of the message store.
     *
     * @param operation   a constant naming what was written, e.g. {@code accept}, {@code status}, {@code outbox}
     * @param batchSize   rows in the commit
     * @param commitNanos from the batch's first statement to the commit's return
     */
    default void storeCommit(String operation, int batchSize, long commitNanos) {
    }

    /** After a restart, {@code count} submits whose outcome was unknown were sent again (possible duplicates). */
    default void resentAfterCrash(int count) {
    }

    /**
     * Publishes one cell of the backlog (docs/design.md §3, "the store is the queue"): accepted messages not yet
     * submitted, as last counted in the store.
     *
     * @param provider the provider their route names first
     * @param priority {@code high}, {@code normal} or {@code low}
     * @param place    {@code store} (waiting to be claimed) or {@code memory} (claimed by a node)
     */
    default void registerBacklog(String provider, String priority, String place, LongSupplier messages) {
    }

    /** One callback POST ended with {@code outcome} after {@code durationNanos}. */
    default void callbackAttempt(CallbackOutcome outcome, long durationNanos) {
    }

    /** A callback was abandoned after the whole retry schedule. */
    default void callbackGaveUp() {
    }

    /**
     * A callback POST failed before any answer on a reused keep-alive connection (the app's server had closed it) or
     * behind others on a pipelined one that ended, and was sent again at once on a new connection; not an attempt of
     * its own.
     */
    default void callbackStaleRetry() {
    }

    /**
     * Publishes the depth of a bounded queue, read at scrape time from another thread.
     *
     * @param queue a constant: {@code store}, {@code dispatch}, {@code callback}, …; registering a name again replaces
     *              the earlier supplier
     */
    default void registerQueue(String queue, LongSupplier depth) {
    }

    /**
     * Publishes how many status reports the store keeps aside because they named another handset than the message
     * their Msg_Id matched (docs/cmpp-protocol.md §10.2), as last read from the store.
     */
    default void registerMismatchedReports(LongSupplier rows) {
    }

    /**
     * An expiry rule ended {@code count} things (docs/operations.md "History and expiry").
     *
     * @param kind a constant: {@code no_report} (messages made final FAILED {@code GW:NOREPORT}),
     *             {@code unsent} (messages that waited in the queue past {@code limits.messageTtl}, made final FAILED
     *             {@code GW:EXPIRED}) or {@code parked_report} (parked reports that never matched, deleted)
     */
    default void expired(String kind, long count) {
    }

    /**
     * {@code count} messages queued in memory for {@code provider}, none of them sent yet, went to their route's backup
     * because {@code provider} is down (docs/operations.md, "Routing and failover").
     */
    default void movedToBackup(String provider, int count) {
    }

    /**
     * History retention deleted {@code count} rows (docs/operations.md "History and expiry").
     *
     * @param kind a constant: {@code messages} (messages removed), {@code message_rows} (their rows in every table),
     *             {@code mo} (MO messages), {@code callbacks} (abandoned callbacks) or {@code click_links} (tracked
     *             links, docs/api.md "Click tracking")
     */
    default void historyPurged(String kind, long count) {
    }

    /**
     * One mail send of an SMTP provider ended (docs/operations.md "SMTP providers").
     *
     * @param provider the email provider's name
     * @param outcome  a constant: {@code delivered} (2xx), {@code failed} (final), {@code retried} (4xx or no answer,
     *                 due again later), {@code resent} (the connection dropped before the answer: sent again at once)
     */
    default void emailSend(String provider, String outcome) {
    }

    /** An SMTP provider opened (and logged in on) a connection: far fewer than mails sent while connections last. */
    default void smtpConnectionOpened(String provider) {
    }

    /**
     * A tracked link was clicked (docs/api.md "Click tracking"): every click, the repeated and the bots' too.
     *
     * @param channel a constant: {@code sms} or {@code email}
     */
    default void click(String channel) {
    }

    /** A tracking URL with a token that is malformed or unknown (never issued, or purged) was answered 404. */
    default void unknownClick() {
    }

    /** Releases what the implementation holds. */
    @Override
    default void close() {
    }
}
