package org.cmppgw.simulator.ismg;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cmppgw.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ReportDispatcherTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T14:50:31Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final IsmgMetrics metrics = new IsmgMetrics(registry);
    private final AccountConnections<String> connections = new AccountConnections<>();
    private final Map<String, List<PendingReport>> delivered = new LinkedHashMap<>();

    private ReportDispatcher<String> dispatcher(FaultConfig faults, int capacity) {
        return new ReportDispatcher<>(new ReportQueue(capacity), connections, faults, new Random(5), clock::nanoTime,
            metrics);
    }

    private static FaultConfig faults(boolean otherConnection, long resendAfterMillis, double duplicateShare) {
        return new FaultConfig(null, otherConnection, resendAfterMillis, 3, duplicateShare, null, null, null, null,
            null, null, null);
    }

    private PendingReport dueIn(long connection, long id, Duration delay) {
        return ReportQueueTest.report(connection, id, clock.nanoTime() + delay.toNanos());
    }

    private int dispatch(ReportDispatcher<String> dispatcher) {
        return dispatcher.dispatchDue(1000, (c, reports) -> delivered.computeIfAbsent(c, k -> new ArrayList<>())
            .addAll(reports));
    }

    private double counter(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    @Test
    void dueReportsGoBackOnTheirOwnConnectionsGroupedPerConnection() {
        long a = connections.register("901234", "a");
        long b = connections.register("901234", "b");
        ReportDispatcher<String> dispatcher = dispatcher(FaultConfig.defaults(), 100);
        dispatcher.schedule(List.of(dueIn(a, 1, Duration.ofMillis(500)), dueIn(b, 2, Duration.ofMillis(500)),
            dueIn(a, 3, Duration.ofMillis(500)), dueIn(a, 4, Duration.ofSeconds(5))));

        assertThat(dispatch(dispatcher)).isZero();
        clock.advance(Duration.ofMillis(500));
        assertThat(dispatch(dispatcher)).isEqualTo(3);

        assertThat(delivered.get("a")).extracting(r -> r.msgId().value()).containsExactlyInAnyOrder(1L, 3L);
        assertThat(delivered.get("b")).extracting(r -> r.msgId().value()).containsExactly(2L);
        assertThat(delivered.values()).allSatisfy(list -> assertThat(list).allMatch(r -> r.sends() == 1));
        assertThat(dispatcher.pending()).isEqualTo(1);
        assertThat(counter(IsmgMetrics.REPORTS, "account", "901234", "stat", "DELIVRD")).isEqualTo(3);
    }

    @Test
    void aConnectionGetsNoMoreThanItsRoomAndTheRestWaitUncounted() {
        long a = connections.register("901234", "a");
        long b = connections.register("901234", "b");
        ReportDispatcher<String> dispatcher = dispatcher(FaultConfig.defaults(), 100);
        for (int i = 0; i < 5; i++) {
            dispatcher.schedule(List.of(dueIn(a, i, Duration.ZERO)));
        }
        dispatcher.schedule(List.of(dueIn(b, 9, Duration.ZERO)));

        int handedOut = dispatcher.dispatchDue(1000, c -> c.equals("a") ? 2 : 10, (c, reports) -> delivered
            .computeIfAbsent(c, k -> new ArrayList<>()).addAll(reports));

        assertThat(handedOut).isEqualTo(3);
        assertThat(delivered.get("a")).hasSize(2);
        assertThat(delivered.get("b")).hasSize(1);
        assertThat(dispatcher.pending()).isEqualTo(3);
        assertThat(counter(IsmgMetrics.REPORTS, "account", "901234", "stat", "DELIVRD")).isEqualTo(3);
        assertThat(dispatch(dispatcher)).isZero();
        clock.advance(Duration.ofMillis(ReportDispatcher.FULL_RETRY_MILLIS));
        assertThat(dispatch(dispatcher)).isEqualTo(3);
        assertThat(delivered.get("a")).hasSize(5).allMatch(r -> r.sends() == 1);
    }

    @Test
    void otherConnectionFaultSendsReportsElsewhere() {
        long a = connections.register("901234", "a");
        connections.register("901234", "b");
        ReportDispatcher<String> dispatcher = dispatcher(faults(true, 0, 0), 100);
        for (int i = 0; i < 10; i++) {
            dispatcher.schedule(List.of(dueIn(a, i, Duration.ZERO)));
        }

        dispatch(dispatcher);

        assertThat(delivered).containsOnlyKeys("b");
        assertThat(delivered.get("b")).hasSize(10);
    }

    @Test
    void reportsWaitForAConnectionOfTheirAccount() {
        ReportDispatcher<String> dispatcher = dispatcher(FaultConfig.defaults(), 100);
        dispatcher.schedule(List.of(dueIn(1, 1, Duration.ZERO)));

        assertThat(dispatch(dispatcher)).isZero();
        assertThat(dispatcher.pending()).isEqualTo(1);
        connections.register("901234", "late");
        assertThat(dispatch(dispatcher)).isZero();
        clock.advance(Duration.ofMillis(ReportDispatcher.NO_CONNECTION_RETRY_MILLIS));
        assertThat(dispatch(dispatcher)).isEqualTo(1);
        assertThat(delivered.get("late")).singleElement().satisfies(r -> assertThat(r.sends()).isEqualTo(1));
    }

    @Test
    void unacknowledgedReportsAreResentWithTheSameDeliverIdUntilMaxSends() {
        connections.register("901234", "a");
        ReportDispatcher<String> dispatcher = dispatcher(faults(false, 5000, 0), 100);
        dispatcher.schedule(List.of(dueIn(1, 1, Duration.ZERO)));
        List<PendingReport> sends = new ArrayList<>();
        for (int attempt = 0; attempt < 3; attempt++) {
            dispatch(dispatcher);
            PendingReport sent = delivered.remove("a").get(0);
            sends.add(sent);
            boolean again = dispatcher.unacknowledged(sent);
            assertThat(again).isEqualTo(attempt < 2);
            assertThat(dispatch(dispatcher)).isZero();
            clock.advance(Duration.ofMillis(5000));
        }

        assertThat(sends).extracting(PendingReport::sends).containsExactly(1, 2, 3);
        assertThat(sends).extracting(PendingReport::deliverMsgId).containsOnly(sends.get(0).deliverMsgId());
        assertThat(dispatcher.pending()).isZero();
        assertThat(counter(IsmgMetrics.REPORTS_RESENT, "account", "901234")).isEqualTo(2);
        assertThat(counter(IsmgMetrics.REPORTS_DROPPED, "account", "901234", "reason", IsmgMetrics.DROP_MAX_SENDS))
            .isEqualTo(1);
    }

    @Test
    void resendOffDropsUnacknowledgedReports() {
        ReportDispatcher<String> dispatcher = dispatcher(faults(false, 0, 0), 100);

        assertThat(dispatcher.unacknowledged(dispatcher.handOut(dueIn(1, 1, Duration.ZERO)))).isFalse();
        assertThat(dispatcher.pending()).isZero();
    }

    @Test
    void duplicateShareSendsAcknowledgedReportsAgain() {
        connections.register("901234", "a");
        ReportDispatcher<String> dispatcher = dispatcher(faults(false, 100, 1.0), 100);
        PendingReport sent = dispatcher.handOut(dueIn(1, 1, Duration.ZERO));

        dispatcher.acknowledged(sent);
        clock.advance(Duration.ofMillis(100));
        dispatch(dispatcher);

        assertThat(delivered.get("a")).singleElement().satisfies(r -> {
            assertThat(r.deliverMsgId()).isEqualTo(sent.deliverMsgId());
            assertThat(r.sends()).isEqualTo(2);
        });
    }

    @Test
    void aFullQueueDropsAndCounts() {
        ReportDispatcher<String> dispatcher = dispatcher(FaultConfig.defaults(), 2);

        int accepted = dispatcher.schedule(List.of(dueIn(1, 1, Duration.ZERO), dueIn(1, 2, Duration.ZERO),
            dueIn(1, 3, Duration.ZERO)));

        assertThat(accepted).isEqualTo(2);
        assertThat(counter(IsmgMetrics.REPORTS_DROPPED, "account", "901234", "reason", IsmgMetrics.DROP_QUEUE_FULL))
            .isEqualTo(1);
    }
}
