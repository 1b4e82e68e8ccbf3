package org.cmppgw.gateway.app;

import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.cmppgw.gateway.persistence.CorrelationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Matches parked reports (reports that arrived before their SUBMIT_RESP was recorded) at start and then every few
 * seconds. Recording a submit outcome matches its parked reports already; this sweep covers what that cannot see: a
 * report parked by another node, or one parked just before a restart (docs/design.md §3, "correlation survives races
 * and restarts"). Each round also reads how many reports the store keeps aside because they named another handset
 * (docs/cmpp-protocol.md §10.2), for {@code /metrics} and one WARN line whenever that number grows.
 */
final class ParkedReportSweep implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ParkedReportSweep.class);
    private static final Duration PERIOD = Duration.ofSeconds(5);
    private static final int MAX_PER_SWEEP = 10_000;

    private final CorrelationStore store;
    /** Rows of mismatched_report at the last round; -1 before the first. */
    private final AtomicLong mismatched = new AtomicLong(-1);
    private BackgroundTask sweeps;

    private ParkedReportSweep(CorrelationStore store) {
        this.store = store;
    }

    static ParkedReportSweep start(CorrelationStore store, GatewayMetrics metrics) {
        ParkedReportSweep sweep = new ParkedReportSweep(store);
        metrics.registerMismatchedReports(() -> Math.max(0, sweep.mismatched.get()));
        sweep.sweeps = BackgroundTask.every("parked-reports", Duration.ZERO, PERIOD, sweep::sweep);
        return sweep;
    }

    private void sweep() {
        try {
            int matched = store.matchParkedReports(MAX_PER_SWEEP).join();
            if (matched > 0) {
                LOG.info("correlation - matched {} parked reports", matched);
            }
            long now = store.countMismatchedReports().join();
            long before = mismatched.getAndSet(now);
            if (before >= 0 && now > before) {
                LOG.warn("correlation - {} more status reports named another handset than the message their Msg_Id "
                    + "matched: kept in mismatched_report, not applied ({} in all)", now - before, now);
            }
        } catch (RuntimeException e) {
            LOG.warn("correlation - parked report sweep failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        sweeps.close();
    }
}
