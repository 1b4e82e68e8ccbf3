package org.cmppgw.gateway.app;

import io.netty.util.concurrent.DefaultThreadFactory;
import org.cmppgw.gateway.persistence.CorrelationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Matches parked reports (reports that arrived before their SUBMIT_RESP was recorded) at start and then every few
 * seconds. Recording a submit outcome matches its parked reports already; this sweep covers what that cannot see: a
 * report parked by another node, or one parked just before a restart (docs/design.md §3, "correlation survives races
 * and restarts").
 */
final class ParkedReportSweep implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ParkedReportSweep.class);
    private static final int PERIOD_SECONDS = 5;
    private static final int MAX_PER_SWEEP = 10_000;

    private final CorrelationStore store;
    private final ScheduledExecutorService timer;

    private ParkedReportSweep(CorrelationStore store) {
        this.store = store;
        this.timer = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("parked-reports", true));
    }

    static ParkedReportSweep start(CorrelationStore store) {
        ParkedReportSweep sweep = new ParkedReportSweep(store);
        sweep.timer.scheduleWithFixedDelay(sweep::sweep, 0, PERIOD_SECONDS, TimeUnit.SECONDS);
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
        timer.shutdownNow();
    }
}
