package org.cmppgw.simulator.ismg;

import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IsmgMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final IsmgMetrics metrics = new IsmgMetrics(registry);

    @Test
    void countsSubmitsAndResultsPerAccount() {
        metrics.submitted("901234", 0);
        metrics.submitted("901234", 0);
        metrics.submitted("901234", 8);
        metrics.submitted("555555", 1000);

        assertThat(registry.get(IsmgMetrics.SUBMITS).tag("account", "901234").counter().count()).isEqualTo(3);
        assertThat(registry.get(IsmgMetrics.SUBMIT_RESULTS).tags("account", "901234", "result", "0").counter()
            .count()).isEqualTo(2);
        assertThat(registry.get(IsmgMetrics.SUBMIT_RESULTS).tags("account", "901234", "result", "8").counter()
            .count()).isEqualTo(1);
        assertThat(registry.get(IsmgMetrics.SUBMIT_RESULTS).tags("account", "555555", "result", "1000").counter()
            .count()).isEqualTo(1);
    }

    @Test
    void connectionsGaugeFollowsOpenAndClose() {
        metrics.connectionOpened("901234");
        metrics.connectionOpened("901234");
        metrics.connectionClosed("901234");
        System.gc();

        assertThat(registry.get(IsmgMetrics.CONNECTIONS).tag("account", "901234").gauge().value()).isEqualTo(1);
    }

    @Test
    void countsReportsMoAndFaultsByTheirBoundedLabels() {
        metrics.reportSent("901234", "DELIVRD");
        metrics.reportSent("901234", "MK:0001");
        metrics.reportResent("901234");
        metrics.reportDropped("901234", IsmgMetrics.DROP_QUEUE_FULL);
        metrics.moSent("901234", "unsubscribe");
        metrics.fault("garbage");

        assertThat(registry.get(IsmgMetrics.REPORTS).tags("stat", "MK:0001").counter().count()).isEqualTo(1);
        assertThat(registry.get(IsmgMetrics.REPORTS_RESENT).counter().count()).isEqualTo(1);
        assertThat(registry.get(IsmgMetrics.REPORTS_DROPPED).tags("reason", "queue_full").counter().count())
            .isEqualTo(1);
        assertThat(registry.get(IsmgMetrics.MO).tags("kind", "unsubscribe").counter().count()).isEqualTo(1);
        assertThat(registry.get(IsmgMetrics.FAULTS).tags("kind", "garbage").counter().count()).isEqualTo(1);
    }

    @Test
    void pendingGaugeReadsTheQueue() {
        ReportQueue queue = new ReportQueue(10);
        metrics.watch(queue);
        queue.offer(ReportQueueTest.report(1, 0));

        assertThat(registry.get(IsmgMetrics.REPORTS_PENDING).gauge().value()).isEqualTo(1);
    }

    @Test
    void noopAcceptsEverything() {
        IsmgMetrics noop = IsmgMetrics.noop();
        noop.submitted("x", 0);
        noop.connectionOpened("x");

        // A composite without members: the meters exist, their values go nowhere.
        assertThat(noop.registry()).isInstanceOfSatisfying(CompositeMeterRegistry.class,
            r -> assertThat(r.getRegistries()).isEmpty());
    }
}
