package org.cmppgw.gateway.app;

import org.cmppgw.gateway.persistence.CorrelationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Matches parked reports (reports that arrived before their SUBMIT_RESP was recorded) at start and then every few
 * seconds. Recording a submit outcome matches its parked reports already; this sweep covers what that cannot see: a
 * report parked by another node, or one parked just before a restart (docs/design.md §3, "correlation survives races
 * and restarts").
 */
final class ParkedReportSweep implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ParkedReportSweep.class);
    private static final Duration PERIOD = Duration.ofSeconds(5);
    private static final int MAX_PER_SWEEP = 10_000;

    private final CorrelationStore store;
    private BackgroundTask sweeps;

    private ParkedReportSweep(CorrelationStore store) {
        this.store = store;
    }

    static ParkedReportSweep start(CorrelationStore store) {
        ParkedReportSweep sweep = new ParkedReportSweep(store);
        sweep.sweeps = BackgroundTask.every("parked-reports", Duration.ZERO, PERIOD, sweep::sweep);
        return sweep;
    }

    private void sweep() {
        try {
            int matched = store.matchParkedReports(MAX_PER_SWEEP).join();
            if (matched > 0) {
                LOG.info("correlation - matched {} parked reports", matched);
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
