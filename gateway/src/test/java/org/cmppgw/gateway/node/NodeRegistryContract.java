package org.cmppgw.gateway.node;

import com.zaxxer.hikari.HikariDataSource;
import org.cmppgw.gateway.config.ConfigException;
import org.cmppgw.gateway.persistence.jdbc.DataSourceSettings;
import org.cmppgw.gateway.persistence.jdbc.DataSources;
import org.cmppgw.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Node ids, connection-slot leases and takeover of a dead node (issue 13), the same on H2 and MariaDB: several nodes
 * are simulated by several registries on one database, and time moves only with the test's clock.
 */
abstract class NodeRegistryContract {
    static final Duration LEASE = Duration.ofSeconds(30);
    static final String PROVIDER = "cmcc-1";

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T08:00:00Z"));
    final AtomicInteger callbackIds = new AtomicInteger();
    HikariDataSource dataSource;

    abstract DataSourceSettings newDatabase() throws Exception;

    @BeforeEach
    final void open() throws Exception {
        dataSource = DataSources.open(newDatabase());
    }

    @AfterEach
    final void close() {
        dataSource.close();
    }

    NodeRegistry registry(DataSource source, int nodeId, String host, long pid) {
        return new NodeRegistry(source, new NodeRegistry.Holder(nodeId, "instance-" + host + "-" + pid, host, pid, 0,
            0), LEASE, alive -> true);
    }

    NodeRegistry registry(int nodeId, String host) {
        return registry(dataSource, nodeId, host, 100);
    }

    long now() {
        return clock.millis();
    }

    @Test
    void aLiveHolderIsRefusedAStaleOneIsTakenOver() {
        NodeRegistry first = registry(1, "host-a");
        first.claim(now());
        clock.advance(Duration.ofSeconds(29));
        NodeRegistry second = registry(1, "host-b");

        assertThatThrownBy(() -> second.claim(now()))
            .isInstanceOf(ConfigException.class)
            .hasMessageStartingWith("node.id: 1 is held by a live gateway (host host-a, pid 100,")
            .hasMessageContaining("last heartbeat 29000 ms ago");
        assertThat(first.renew(now())).isTrue();

        clock.advance(LEASE.plusMillis(1));
        second.claim(now());
        assertThat(first.renew(now())).as("the old process lost its id").isFalse();
        assertThat(second.renew(now())).isTrue();
    }

    @Test
    void aGonePredecessorOnTheSameHostIsTakenOverWithinTheLease() {
        registry(dataSource, 2, "host-a", 100).claim(now());
        clock.advance(Duration.ofSeconds(1));
        NodeRegistry restarted = new NodeRegistry(dataSource, new NodeRegistry.Holder(2, "instance-new", "host-a",
            101, 0, 0), LEASE, pid -> pid != 100);

        restarted.claim(now());

        assertThat(restarted.renew(now())).isTrue();
    }

    @Test
    void liveNodesCountOnlyFreshHeartbeats() {
        NodeRegistry a = registry(1, "host-a");
        NodeRegistry b = registry(2, "host-b");
        a.claim(now());
        b.claim(now());
        assertThat(a.liveNodes(now())).isEqualTo(2);

        clock.advance(LEASE.plusMillis(1));
        a.renew(now());
        assertThat(a.liveNodes(now())).isEqualTo(1);
        assertThat(a.dead(now())).extracting(NodeRegistry.Holder::nodeId).containsExactly(2);
        assertThat(b.dead(now())).as("a node is never dead to itself").isEmpty();
    }

    @Test
    void slotsAreSplitFairlyAndNeverHeldTwice() {
        NodeRegistry a = registry(1, "host-a");
        NodeRegistry b = registry(2, "host-b");
        SlotLeases slotsA = new SlotLeases(dataSource, 1, LEASE.toMillis());
        SlotLeases slotsB = new SlotLeases(dataSource, 2, LEASE.toMillis());
        slotsA.ensureSlots(PROVIDER, 8);
        slotsB.ensureSlots(PROVIDER, 8);
        a.claim(now());
        assertThat(slotsA.round(PROVIDER, 8, a.liveNodes(now()), now()).cardinality()).as("alone: all").isEqualTo(8);

        clock.advance(Duration.ofSeconds(1));
        b.claim(now());
        assertThat(slotsB.round(PROVIDER, 8, b.liveNodes(now()), now()).cardinality())
            .as("all 8 are under A's lease").isZero();

        clock.advance(Duration.ofSeconds(9));
        a.renew(now());
        BitSet heldA = slotsA.round(PROVIDER, 8, a.liveNodes(now()), now());
        assertThat(heldA.cardinality()).as("A keeps its share, ceil(8 / 2)").isEqualTo(4);
        assertThat(slotsB.round(PROVIDER, 8, b.liveNodes(now()), now()).cardinality())
            .as("A's other 4 still under lease").isZero();

        clock.advance(Duration.ofSeconds(21));
        a.renew(now());
        b.renew(now());
        heldA = slotsA.round(PROVIDER, 8, a.liveNodes(now()), now());
        BitSet heldB = slotsB.round(PROVIDER, 8, b.liveNodes(now()), now());

        assertThat(heldA.cardinality()).isEqualTo(4);
        assertThat(heldB.cardinality()).isEqualTo(4);
        assertThat(heldA.intersects(heldB)).isFalse();
    }

    @Test
    void aDeadNodesSlotsAreFreeAfterItsLease() {
        NodeRegistry a = registry(1, "host-a");
        NodeRegistry b = registry(2, "host-b");
        SlotLeases slotsA = new SlotLeases(dataSource, 1, LEASE.toMillis());
        SlotLeases slotsB = new SlotLeases(dataSource, 2, LEASE.toMillis());
        slotsA.ensureSlots(PROVIDER, 3);
        a.claim(now());
        b.claim(now());
        assertThat(slotsA.round(PROVIDER, 3, 2, now()).cardinality()).isEqualTo(2);
        assertThat(slotsB.round(PROVIDER, 3, 2, now()).cardinality()).isEqualTo(1);

        clock.advance(LEASE.plusMillis(1));
        b.renew(now());
        assertThat(b.liveNodes(now())).isEqualTo(1);
        assertThat(slotsB.round(PROVIDER, 3, 1, now()).cardinality()).isEqualTo(3);
    }

    @Test
    void exactlyOneLiveNodeAdoptsADeadOne() throws SQLException {
        NodeRegistry a = registry(1, "host-a");
        NodeRegistry b = registry(2, "host-b");
        NodeRegistry dead = registry(3, "host-c");
        SlotLeases deadSlots = new SlotLeases(dataSource, 3, LEASE.toMillis());
        deadSlots.ensureSlots(PROVIDER, 2);
        a.claim(now());
        b.claim(now());
        dead.claim(now());
        deadSlots.round(PROVIDER, 2, 1, now());
        long leaseEnd = now() + 60_000;
        insertClaimedCallback(3, leaseEnd);
        insertClaimedCallback(3, leaseEnd);
        insertClaimedCallback(1, leaseEnd);
        insertHeldCallback(3);
        insertHeldCallback(1);

        clock.advance(LEASE.plusMillis(1));
        a.renew(now());
        b.renew(now());
        NodeRegistry.Holder seenByA = a.dead(now()).get(0);
        NodeRegistry.Holder seenByB = b.dead(now()).get(0);

        assertThat(b.adopt(seenByB, now())).hasValueSatisfying(adoption -> {
            assertThat(adoption.deadNode()).isEqualTo(3);
            assertThat(adoption.callbacks()).as("2 claimed, 1 held").isEqualTo(3);
            assertThat(adoption.slots()).isEqualTo(2);
            assertThat(adoption.retired()).isFalse();
        });
        assertThat(a.adopt(seenByA, now())).as("the other node was first").isEmpty();
        assertThat(a.dead(now())).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM callback_outbox WHERE claimed_by = 3")).isZero();
        assertThat(count("SELECT COUNT(*) FROM callback_outbox WHERE due_at = " + now() + " AND attempts = 1"))
            .isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM held_callback WHERE node_id = 3")).isZero();
        assertThat(count("SELECT COUNT(*) FROM callback_outbox WHERE claimed_by = 1")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM held_callback WHERE node_id = 1")).as("a live node's").isEqualTo(1);
    }

    @Test
    void whatADeadNodeHadAdoptedPassesToItsAdopter() throws SQLException {
        NodeRegistry a = registry(1, "host-a");
        NodeRegistry c = registry(3, "host-c");
        registry(4, "host-d").claim(now());
        a.claim(now());
        c.claim(now());
        clock.advance(Duration.ofSeconds(20));
        a.renew(now());
        c.renew(now());
        clock.advance(Duration.ofSeconds(11));
        assertThat(c.adopt(c.dead(now()).get(0), now())).as("node 3 adopts node 4").isPresent();

        clock.advance(LEASE.plusMillis(1));
        a.renew(now());
        assertThat(a.dead(now())).extracting(NodeRegistry.Holder::nodeId).containsExactly(3);
        assertThat(a.adopt(a.dead(now()).get(0), now())).isPresent();

        assertThat(count("SELECT COUNT(*) FROM gateway_node WHERE adopted_by = 1")).as("nodes 3 and 4").isEqualTo(2);
    }

    @Test
    void aRetiredNodeIsAdoptedAtOnceAndItsIdIsFree() {
        NodeRegistry a = registry(1, "host-a");
        NodeRegistry b = registry(2, "host-b");
        a.claim(now());
        b.claim(now());

        b.retire();
        clock.advance(Duration.ofSeconds(1));

        assertThat(a.adopt(a.dead(now()).get(0), now())).hasValueSatisfying(
            adoption -> assertThat(adoption.retired()).isTrue());
        registry(2, "host-d").claim(now());
    }

    @Test
    void theHeartbeatLeasesSlotsFencesWhenTheDatabaseIsGoneAndResumes() {
        SwitchedDataSource switched = new SwitchedDataSource(dataSource);
        NodeRegistry registry = registry(switched, 1, "host-a", 100);
        registry.claim(now());
        RecordingBudget budget = new RecordingBudget(4);
        AtomicInteger lost = new AtomicInteger();
        NodeHeartbeat heartbeat = new NodeHeartbeat(registry, new SlotLeases(switched, 1, LEASE.toMillis()),
            List.of(budget), clock, lost::incrementAndGet);
        heartbeat.firstRound();
        assertThat(budget.held.cardinality()).isEqualTo(4);

        switched.down(true);
        clock.advance(Duration.ofSeconds(10));
        heartbeat.round();
        assertThat(heartbeat.holdsId()).as("a third of the lease: still held").isTrue();
        assertThat(budget.held.cardinality()).isEqualTo(4);
        clock.advance(Duration.ofSeconds(11));
        heartbeat.watch();
        assertThat(heartbeat.holdsId()).as("over two thirds of the lease without a round: fenced").isFalse();
        assertThat(budget.held.cardinality()).isZero();

        switched.down(false);
        clock.advance(Duration.ofSeconds(1));
        heartbeat.round();
        assertThat(heartbeat.holdsId()).isTrue();
        assertThat(budget.held.cardinality()).as("its slots were still under its lease").isEqualTo(4);
        assertThat(lost).hasValue(0);
    }

    @Test
    void aNodeWhoseIdWasTakenStopsAndReleasesItsSlots() {
        NodeRegistry registry = registry(1, "host-a");
        registry.claim(now());
        RecordingBudget budget = new RecordingBudget(2);
        AtomicInteger lost = new AtomicInteger();
        NodeHeartbeat heartbeat = new NodeHeartbeat(registry, new SlotLeases(dataSource, 1, LEASE.toMillis()),
            List.of(budget), clock, lost::incrementAndGet);
        heartbeat.firstRound();

        clock.advance(LEASE.plusMillis(1));
        registry(1, "host-b").claim(now());
        heartbeat.round();
        heartbeat.round();

        assertThat(lost).hasValue(1);
        assertThat(heartbeat.holdsId()).isFalse();
        assertThat(budget.held.cardinality()).isZero();
    }

    @Test
    void aFencedNodeAdoptedMeanwhileStopsWhenTheDatabaseIsBack() {
        SwitchedDataSource switched = new SwitchedDataSource(dataSource);
        NodeRegistry registry = registry(switched, 1, "host-a", 100);
        registry.claim(now());
        RecordingBudget budget = new RecordingBudget(2);
        AtomicInteger lost = new AtomicInteger();
        NodeHeartbeat heartbeat = new NodeHeartbeat(registry, new SlotLeases(switched, 1, LEASE.toMillis()),
            List.of(budget), clock, lost::incrementAndGet);
        heartbeat.firstRound();
        NodeRegistry other = registry(2, "host-b");
        other.claim(now());

        switched.down(true);
        clock.advance(LEASE.plusMillis(1));
        heartbeat.watch();
        other.renew(now());
        assertThat(other.adopt(other.dead(now()).get(0), now())).isPresent();
        switched.down(false);
        heartbeat.round();

        assertThat(lost).as("its messages are the adopter's now: it must not send them").hasValue(1);
        assertThat(heartbeat.holdsId()).isFalse();
        assertThat(budget.held.cardinality()).isZero();
    }

    @Test
    void twoHeartbeatsAdoptADeadNodeOnceAndTakeItsSlots() {
        NodeRegistry dead = registry(3, "host-c");
        dead.claim(now());
        SlotLeases deadSlots = new SlotLeases(dataSource, 3, LEASE.toMillis());
        deadSlots.ensureSlots(PROVIDER, 4);
        deadSlots.round(PROVIDER, 4, 1, now());
        Map<Integer, Integer> adopted = new ConcurrentHashMap<>();
        List<NodeHeartbeat> heartbeats = new ArrayList<>();
        List<RecordingBudget> budgets = new ArrayList<>();
        for (int node = 1; node <= 2; node++) {
            NodeRegistry registry = registry(node, "host-" + node);
            registry.claim(now());
            RecordingBudget budget = new RecordingBudget(4);
            budgets.add(budget);
            NodeHeartbeat heartbeat = new NodeHeartbeat(registry, new SlotLeases(dataSource, node, LEASE.toMillis()),
                List.of(budget), clock, () -> { });
            heartbeat.firstRound();
            heartbeat.start();
            heartbeat.adoptInto(deadNode -> {
                adopted.merge(deadNode, 1, Integer::sum);
                return CompletableFuture.completedFuture(0);
            });
            heartbeats.add(heartbeat);
        }
        try {
            assertThat(budgets.get(0).held.cardinality() + budgets.get(1).held.cardinality())
                .as("the dead node's lease still runs").isZero();

            // rounds every lease / 3, as the heartbeat thread runs them; the dead node is silent
            for (int round = 0; round < 4; round++) {
                clock.advance(LEASE.dividedBy(3));
                heartbeats.forEach(NodeHeartbeat::round);
            }

            assertThat(adopted.get(3)).as("adopted once").isEqualTo(1);
            assertThat(budgets.get(0).held.cardinality()).isEqualTo(2);
            assertThat(budgets.get(1).held.cardinality()).isEqualTo(2);
            assertThat(budgets.get(0).held.intersects(budgets.get(1).held)).isFalse();
        } finally {
            heartbeats.forEach(NodeHeartbeat::close);
        }
    }

    private void insertClaimedCallback(int claimedBy, long dueAt) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO callback_outbox (id, kind, app_key, url,"
                 + " ref_id, created_at, due_at, attempts, claimed_by) VALUES (?, 1, 'app', 'http://127.0.0.1/cb', 1,"
                 + " 0, ?, 1, ?)")) {
            insert.setLong(1, callbackIds.incrementAndGet());
            insert.setLong(2, dueAt);
            insert.setInt(3, claimedBy);
            insert.executeUpdate();
        }
    }

    private void insertHeldCallback(int node) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO held_callback (node_id, id, kind, app_key, url,"
                 + " ref_id, created_at) VALUES (?, ?, 1, 'app', 'http://127.0.0.1/cb', 1, 0)")) {
            insert.setInt(1, node);
            insert.setLong(2, callbackIds.incrementAndGet());
            insert.executeUpdate();
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(sql);
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** What a provider was told to hold, last. */
    static final class RecordingBudget implements ConnectionBudget {
        private final int connections;
        volatile BitSet held = new BitSet();

        RecordingBudget(int connections) {
            this.connections = connections;
        }

        @Override
        public String provider() {
            return PROVIDER;
        }

        @Override
        public int connections() {
            return connections;
        }

        @Override
        public void hold(BitSet slots) {
            held = (BitSet) slots.clone();
        }
    }
}
