package org.cmppgw.gateway.policy;

import com.zaxxer.hikari.HikariDataSource;
import org.cmppgw.gateway.callback.outbox.CallbackFilter;
import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.persistence.jdbc.DataSourceSettings;
import org.cmppgw.gateway.persistence.jdbc.DataSources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The policy runs' durable timers (V20 migration, docs/api.md "Send policies"): a due run is claimed by exactly one
 * of several store instances (nodes) at once, a claim whose lease ran out is taken over and the old one can no longer
 * write, and a withdraw makes a claim lost. Run on H2 and on a real MariaDB.
 */
abstract class PolicyRunStoreContract {
    private static final long LEASE = 10_000;
    private static final long DUE = 1_800_000_000_000L;
    private static final SendPolicy POLICY = new PolicyRules(true).check(new PolicyRequest("p", List.of(
        new PolicyRequest.Step("sms", null, null), new PolicyRequest.Step("email", null, List.of(
            new PolicyRequest.Condition(1, "not_delivered", null, 5)))))).value();

    private HikariDataSource dataSource;
    private MessageIdGenerator ids;

    abstract DataSourceSettings newDatabase() throws Exception;

    @BeforeEach
    final void open() throws Exception {
        dataSource = DataSources.open(newDatabase());
        ids = new MessageIdGenerator(1, () -> DUE, 0);
    }

    @AfterEach
    final void close() {
        dataSource.close();
    }

    private PolicyRunStore node() {
        return new PolicyRunStore(dataSource, ids, CallbackFilter.ALL);
    }

    /** A run whose step 1 was sent at {@code DUE - 5 s}, its step 2 due at {@code DUE}. */
    private PolicyRun run(long runId) {
        RunStep first = new RunStep(1, SendPolicy.Channel.SMS, RunStep.State.SENT, runId + 1, DUE - 5_000, "");
        return new PolicyRun(runId, "app", 7, "u-" + runId, "13800138000", "u@example.com", POLICY,
            new RunContent(new RunContent.Sms("【S】hi", 1, 1, 0), null, new RunContent.Email("s", "t", null, "")),
            "http://127.0.0.1:1/cb", PolicyRun.State.RUNNING, 0, 2, DUE, List.of(first));
    }

    @Test
    void aDueRunIsClaimedOnceAndTakenOverWhenItsLeaseRunsOut() {
        PolicyRunStore a = node();
        PolicyRunStore b = node();
        a.insert(List.of(run(100)), DUE - 5_000);

        assertThat(a.claimDue(DUE - 1, 10, 1, LEASE)).isEmpty();
        List<PolicyRunStore.Claim> first = a.claimDue(DUE, 10, 1, LEASE);
        assertThat(first).singleElement().satisfies(c -> {
            assertThat(c.run().nextStep()).isEqualTo(2);
            assertThat(c.run().steps()).singleElement().extracting(RunStep::messageId).isEqualTo(101L);
            assertThat(c.run().content().sms().content()).isEqualTo("【S】hi");
        });
        assertThat(b.claimDue(DUE + LEASE - 1, 10, 2, LEASE)).isEmpty();

        List<PolicyRunStore.Claim> takeover = b.claimDue(DUE + LEASE, 10, 2, LEASE);
        assertThat(takeover).hasSize(1);
        RunStep sent = new RunStep(2, SendPolicy.Channel.EMAIL, RunStep.State.SENT, 555, DUE + LEASE, "");
        assertThat(a.next(first.get(0), sent, 3, DUE + LEASE + 5_000)).isFalse();
        assertThat(b.next(takeover.get(0), sent, 3, DUE + LEASE + 5_000)).isTrue();
        assertThat(b.next(takeover.get(0), sent, 3, DUE + LEASE + 5_000)).isFalse();

        PolicyRun stored = a.find("app", 100).orElseThrow();
        assertThat(stored.nextStep()).isEqualTo(3);
        assertThat(stored.steps()).extracting(RunStep::messageId).containsExactly(101L, 555L);
        assertThat(a.find("other", 100)).isEmpty();
        assertThat(a.claimDue(DUE + LEASE + 4_999, 10, 1, LEASE)).isEmpty();
        assertThat(a.claimDue(DUE + LEASE + 5_000, 10, 1, LEASE)).hasSize(1);
    }

    @Test
    void twoNodesClaimingConcurrentlyNeverGetTheSameRun() throws Exception {
        int runs = 200;
        List<PolicyRun> all = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            all.add(run(1_000 + 2L * i));
        }
        node().insert(all, DUE - 5_000);
        Map<Long, AtomicInteger> claimed = new ConcurrentHashMap<>();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                PolicyRunStore store = node();
                int nodeId = t + 1;
                done.add(threads.submit(() -> {
                    go.await();
                    for (List<PolicyRunStore.Claim> got = store.claimDue(DUE, 7, nodeId, LEASE); !got.isEmpty();
                         got = store.claimDue(DUE, 7, nodeId, LEASE)) {
                        got.forEach(c -> claimed.computeIfAbsent(c.run().runId(), id -> new AtomicInteger())
                            .incrementAndGet());
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        // on H2 a claim racing others may come back empty early (ClaimQuery): what is left is claimed here
        PolicyRunStore last = node();
        for (List<PolicyRunStore.Claim> got = last.claimDue(DUE, 7, 9, LEASE); !got.isEmpty();
             got = last.claimDue(DUE, 7, 9, LEASE)) {
            got.forEach(c -> claimed.computeIfAbsent(c.run().runId(), id -> new AtomicInteger()).incrementAndGet());
        }
        assertThat(claimed).hasSize(runs);
        assertThat(claimed.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    }

    @Test
    void aWithdrawEndsTheRunCancelsItsNextStepAndLosesTheClaim() throws SQLException {
        PolicyRunStore store = node();
        store.insert(List.of(run(300)), DUE - 5_000);
        PolicyRunStore.Claim claim = store.claimDue(DUE, 10, 1, LEASE).get(0);

        assertThat(store.withdraw("other", 300, DUE + 1)).isEmpty();
        assertThat(store.withdraw("app", 300, DUE + 1)).get().extracting(PolicyRun::state)
            .isEqualTo(PolicyRun.State.RUNNING);
        assertThat(store.next(claim, new RunStep(2, SendPolicy.Channel.EMAIL, RunStep.State.SENT, 9, DUE + 2, ""),
            3, DUE + 5_000)).isFalse();
        assertThat(store.withdraw("app", 300, DUE + 3)).get().extracting(PolicyRun::state)
            .isEqualTo(PolicyRun.State.WITHDRAWN);

        PolicyRun stored = store.find("app", 300).orElseThrow();
        assertThat(stored.state()).isEqualTo(PolicyRun.State.WITHDRAWN);
        assertThat(stored.steps()).extracting(RunStep::state)
            .containsExactly(RunStep.State.SENT, RunStep.State.CANCELLED);
        assertThat(store.claimDue(DUE + LEASE * 2, 10, 1, LEASE)).isEmpty();
        // step 1 at insert, step 2 cancelled, the final outcome: each an event with its outbox row
        assertThat(count("SELECT COUNT(*) FROM policy_event WHERE run_id = 300")).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM callback_outbox WHERE kind = 6")).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM policy_event WHERE run_id = 300 AND final = 1"
            + " AND outcome = 'withdrawn'")).isEqualTo(1);
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet rows = s.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
