package org.cmppgw.gateway.app;

import org.cmppgw.gateway.config.ExpiryConfig;
import org.cmppgw.gateway.config.HistoryConfig;
import org.cmppgw.gateway.history.BatchPace;
import org.cmppgw.gateway.history.HistoryPurge;
import org.cmppgw.gateway.history.HistoryStore;
import org.cmppgw.gateway.history.NoReportExpiry;
import org.cmppgw.gateway.history.ParkedReportExpiry;
import org.cmppgw.gateway.logging.LogThrottle;
import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.cmppgw.gateway.persistence.CorrelationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs the expiry rules and the history retention (docs/operations.md "History and expiry") on two background threads
 * of their own: a long purge never delays an expiry. Each round logs one line when it did something; a failed round is
 * logged and the next one tries again (every rule is idempotent). Any node may run it.
 */
final class HistoryKeeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryKeeper.class);
    private static final long WARN_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final NoReportExpiry noReport;
    private final ParkedReportExpiry parked;
    private final HistoryPurge purge;
    private final GatewayMetrics metrics;
    private final LogThrottle parkedWarnings;
    private BackgroundTask expiries;
    private BackgroundTask purges;

    HistoryKeeper(HistoryStore history, CorrelationStore statuses, Clock clock, ExpiryConfig expiry,
                  HistoryConfig retention, GatewayMetrics metrics) {
        // One pace per walk: a pace times its walk's batches, and the walks run on two threads.
        this.noReport = new NoReportExpiry(history, statuses, clock, expiry.noReport(), pace(retention));
        this.parked = new ParkedReportExpiry(history, clock, expiry.parkedReport(), pace(retention));
        this.purge = new HistoryPurge(history, clock, retention.retention(), pace(retention));
        this.metrics = metrics;
        this.parkedWarnings = new LogThrottle(WARN_INTERVAL_NANOS, System::nanoTime);
    }

    private static BatchPace pace(HistoryConfig retention) {
        return new BatchPace(retention.batchSize(), retention.pause(), System::nanoTime);
    }

    static HistoryKeeper start(HistoryStore history, CorrelationStore statuses, Clock clock, ExpiryConfig expiry,
                               HistoryConfig retention, GatewayMetrics metrics) {
        HistoryKeeper keeper = new HistoryKeeper(history, statuses, clock, expiry, retention, metrics);
        keeper.expiries = BackgroundTask.every("history-expiry", expiry.interval(), expiry.interval(),
            keeper::expire);
        // Not at once: a start is busy enough (resends, reclaimed callbacks) without a purge.
        keeper.purges = BackgroundTask.every("history-purge", Duration.ofMinutes(1), retention.interval(),
            keeper::purge);
        return keeper;
    }

    /** One round of both expiry rules. */
    void expire() {
        try {
            int expired = noReport.round();
            if (expired > 0) {
                metrics.expired("no_report", expired);
                LOG.info("expiry - {} submitted messages got no report in time: FAILED {}", expired,
                    NoReportExpiry.STAT);
            }
        } catch (RuntimeException e) {
            LOG.warn("expiry - the no-report round failed, the next one goes on from the same place: {}",
                e.toString());
        }
        try {
            long deleted = parked.round();
            if (deleted > 0) {
                metrics.expired("parked_report", deleted);
                long heldBack = parkedWarnings.tryLog();
                if (heldBack >= 0) {
                    LOG.warn("expiry - deleted {} parked status reports that never matched a submit (rounds not "
                        + "logged since the last line: {})", deleted, heldBack);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("expiry - the parked-report round failed: {}", e.toString());
        }
    }

    /** One purge round. */
    void purge() {
        try {
            HistoryPurge.Purged purged = purge.round();
            metrics.historyPurged("messages", purged.messages());
            metrics.historyPurged("message_rows", purged.messageRows());
            metrics.historyPurged("mo", purged.moMessages());
            metrics.historyPurged("callbacks", purged.callbacks());
            metrics.historyPurged("emails", purged.emails());
            metrics.historyPurged("click_links", purged.clickLinks());
            if (purged.rows() > 0) {
                LOG.info("history - removed {} messages ({} rows), {} MO messages, {} abandoned callbacks, {} emails,"
                    + " {} tracked links", purged.messages(), purged.messageRows(), purged.moMessages(),
                    purged.callbacks(), purged.emails(), purged.clickLinks());
            }
        } catch (RuntimeException e) {
            LOG.warn("history - the purge round failed, the next one starts again: {}", e.toString());
        }
    }

    @Override
    public void close() {
        if (purges != null) {
            purges.close();
        }
        if (expiries != null) {
            expiries.close();
        }
    }
}
