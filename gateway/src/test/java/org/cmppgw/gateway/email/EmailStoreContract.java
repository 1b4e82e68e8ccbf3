package org.cmppgw.gateway.email;

import com.zaxxer.hikari.HikariDataSource;
import org.cmppgw.gateway.callback.outbox.CallbackFilter;
import org.cmppgw.gateway.callback.outbox.NewCallbacks;
import org.cmppgw.gateway.callback.outbox.OutboxPhase;
import org.cmppgw.gateway.callback.outbox.ReportsHeldInFinals;
import org.cmppgw.gateway.model.CallbackTask;
import org.cmppgw.gateway.model.EmailReport;
import org.cmppgw.gateway.model.EmailStatus;
import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.persistence.StoreException;
import org.cmppgw.gateway.persistence.jdbc.DataSourceSettings;
import org.cmppgw.gateway.persistence.jdbc.DataSources;
import org.cmppgw.gateway.persistence.sql.Dialect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code email_message} table (V16), the same on H2 and MariaDB: accept, claim under a lease, finish, reclaim. */
abstract class EmailStoreContract {
    static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    static final long LEASE = 60_000;
    private static final int NODE = 3;

    HikariDataSource dataSource;
    EmailStore store;
    private long nextId = 1_000;

    abstract DataSourceSettings newDatabase() throws Exception;

    @BeforeEach
    final void open() throws Exception {
        dataSource = DataSources.open(newDatabase());
        store = new EmailStore(dataSource, NODE, new MessageIdGenerator(NODE, () -> NOW.toEpochMilli(), 0),
            CallbackFilter.ALL);
    }

    @AfterEach
    final void close() {
        dataSource.close();
    }

    private long[] accept(NewEmail email) {
        long[] ids = new long[email.to().size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = nextId++;
        }
        store.accept(email, ids);
        return ids;
    }

    private static NewEmail email(List<String> to, String html) {
        return new NewEmail("app-1", to, List.of("c@example.com", "d@example.com"), List.of("e@example.com"),
            "Subject 你好", "text", html, "Shop", "http://127.0.0.1:9/cb", NOW);
    }

    @Test
    void acceptedMailIsClaimedOncePerLeaseWithItsWholeContent() {
        String bigHtml = "<p>" + "x".repeat(100_000) + "</p>";
        long[] ids = accept(email(List.of("a@example.com", "b@example.com"), bigHtml));

        List<QueuedEmail> claimed = store.claim(10, LEASE, NOW.toEpochMilli());

        assertThat(claimed).extracting(QueuedEmail::id).containsExactly(ids[0], ids[1]);
        QueuedEmail first = claimed.get(0);
        assertThat(first.recipient()).isEqualTo("a@example.com");
        assertThat(first.cc()).containsExactly("c@example.com", "d@example.com");
        assertThat(first.bcc()).containsExactly("e@example.com");
        assertThat(first.subject()).isEqualTo("Subject 你好");
        assertThat(first.html()).isEqualTo(bigHtml);
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(claimed.get(1).cc()).as("copies go with the first recipient only").isEmpty();
        assertThat(claimed.get(1).bcc()).isEmpty();
        assertThat(store.claim(10, LEASE, NOW.toEpochMilli() + 1)).as("leased").isEmpty();
        assertThat(store.claim(10, LEASE, NOW.toEpochMilli() + LEASE)).as("the lease ran out").hasSize(2)
            .allSatisfy(e -> assertThat(e.attempts()).isEqualTo(2));
    }

    @Test
    void finalOutcomesAreStoredWithTheirEmailReportCallback() throws Exception {
        long[] ids = accept(email(List.of("a@example.com", "b@example.com"), null));
        List<QueuedEmail> claimed = store.claim(10, LEASE, NOW.toEpochMilli());
        long at = NOW.toEpochMilli() + 500;

        store.finish(List.of(new SendResult(claimed.get(0), SendResult.Kind.DELIVERED, "mail", "250 OK", 0, 0),
            new SendResult(claimed.get(1), SendResult.Kind.FAILED, "mail", "550 no such user", 1, 0)), at);

        assertThat(store.status(ids[0])).isEqualTo(EmailStatus.DELIVERED);
        assertThat(store.status(ids[1])).isEqualTo(EmailStatus.FAILED);
        assertThat(store.claim(10, LEASE, at + LEASE * 2)).as("final rows are never claimed").isEmpty();
        List<CallbackTask> tasks;
        try (Connection c = dataSource.getConnection()) {
            tasks = new OutboxPhase(Dialect.of(dataSource), NODE, new ReportsHeldInFinals()).claim(c, 10, LEASE, at);
        }
        assertThat(tasks).extracting(t -> (EmailReport) t.payload()).containsExactlyInAnyOrder(
            new EmailReport(ids[0], "a@example.com", EmailStatus.DELIVERED, Instant.ofEpochMilli(at), "250 OK"),
            new EmailReport(ids[1], "b@example.com", EmailStatus.FAILED, Instant.ofEpochMilli(at),
                "550 no such user"));
        assertThat(tasks).allSatisfy(t -> assertThat(t.url()).isEqualTo("http://127.0.0.1:9/cb"));
    }

    @Test
    void whileTheDispatcherTakesNewCallbacksTheyAreHandedOverHeldWithThePayloadTheRowGives() throws Exception {
        List<CallbackTask> handed = new ArrayList<>();
        EmailStore handing = new EmailStore(dataSource, NODE, new MessageIdGenerator(NODE, NOW::toEpochMilli, 0),
            CallbackFilter.ALL, () -> new NewCallbacks.Handoff(NODE, handed::addAll));
        long[] ids = accept(email(List.of("a@example.com", "b@example.com", "f@example.com"), null));
        List<QueuedEmail> claimed = handing.claim(2, LEASE, NOW.toEpochMilli());
        long at = NOW.toEpochMilli() + 500;

        handing.finishAndClaim(List.of(
            new SendResult(claimed.get(0), SendResult.Kind.DELIVERED, "mail", "250 OK", 0, 0),
            new SendResult(claimed.get(1), SendResult.Kind.FAILED, "mail", "550 no such user", 0, 0)), 0, LEASE, at);
        handing.finish(List.of(new SendResult(handing.claim(1, LEASE, at).get(0), SendResult.Kind.RETRY, "mail",
            "451 later", 0, at + 1_000)), at);

        List<EmailReport> expected = List.of(
            new EmailReport(ids[0], "a@example.com", EmailStatus.DELIVERED, Instant.ofEpochMilli(at), "250 OK"),
            new EmailReport(ids[1], "b@example.com", EmailStatus.FAILED, Instant.ofEpochMilli(at),
                "550 no such user"));
        assertThat(handed).as("a retry is no outcome").extracting(t -> (EmailReport) t.payload())
            .containsExactlyElementsOf(expected);
        assertThat(handed).allSatisfy(t -> assertThat(t.attempts()).isEqualTo(1));
        OutboxPhase outbox = new OutboxPhase(Dialect.of(dataSource), NODE, new ReportsHeldInFinals());
        try (Connection c = dataSource.getConnection()) {
            assertThat(outbox.claim(c, 10, LEASE, at + LEASE - 1)).as("held by this node").isEmpty();
            // had their outcomes not been written, this node would send them again after the lease (had it died, its
            // next start or the node adopting it at once), with the same payloads
            List<CallbackTask> later = outbox.claim(c, 10, LEASE, at + LEASE * 2);
            assertThat(later).extracting(t -> (EmailReport) t.payload()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(later).extracting(CallbackTask::id)
                .containsExactlyInAnyOrderElementsOf(handed.stream().map(CallbackTask::id).toList());
        }
    }

    @Test
    void aFinishThatRollsBackHandsNothingOverAndLeavesTheMailClaimed() throws Exception {
        List<CallbackTask> handed = new ArrayList<>();
        EmailStore handing = new EmailStore(dataSource, NODE, new MessageIdGenerator(NODE, NOW::toEpochMilli, 0),
            CallbackFilter.ALL, () -> new NewCallbacks.Handoff(NODE, handed::addAll));
        long[] ids = accept(email(List.of("a@example.com"), null));
        QueuedEmail claimed = handing.claim(1, LEASE, NOW.toEpochMilli()).get(0);
        // the outbox id the store will take next is already used: its insert fails and the transaction rolls back
        long taken = new MessageIdGenerator(NODE, NOW::toEpochMilli, 0).next();
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO held_callback (node_id, id, kind, app_key, url,"
                 + " ref_id, created_at) VALUES (?, ?, 1, 'app-1', 'http://127.0.0.1:9/cb', 1, 0)")) {
            insert.setInt(1, NODE);
            insert.setLong(2, taken);
            insert.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }

        assertThatThrownBy(() -> handing.finish(List.of(new SendResult(claimed, SendResult.Kind.DELIVERED, "mail",
            "250 OK", 0, 0)), NOW.toEpochMilli() + 1)).isInstanceOf(StoreException.class);

        assertThat(handed).as("nothing committed, nothing handed").isEmpty();
        assertThat(store.status(ids[0])).isEqualTo(EmailStatus.QUEUED);
        assertThat(store.claim(10, LEASE, NOW.toEpochMilli() + 1)).as("still under its lease").isEmpty();
    }

    @Test
    void aWithdrawnMailsCallbackIsHandedOverToo() {
        List<CallbackTask> handed = new ArrayList<>();
        EmailStore handing = new EmailStore(dataSource, NODE, new MessageIdGenerator(NODE, NOW::toEpochMilli, 0),
            CallbackFilter.ALL, () -> new NewCallbacks.Handoff(NODE, handed::addAll));
        long[] ids = accept(email(List.of("a@example.com"), null));

        assertThat(handing.withdraw(ids[0], "app-1", NOW.toEpochMilli() + 1))
            .isEqualTo(org.cmppgw.gateway.model.WithdrawOutcome.WITHDRAWN);

        assertThat(handed).extracting(CallbackTask::payload).containsExactly(new EmailReport(ids[0], "a@example.com",
            EmailStatus.FAILED, Instant.ofEpochMilli(NOW.toEpochMilli() + 1), EmailStore.WITHDRAWN));
    }

    @Test
    void aRetryIsDueLaterWithItsAttemptCountedAndADeferralIsNotCounted() {
        long[] ids = accept(email(List.of("a@example.com", "b@example.com"), null));
        List<QueuedEmail> claimed = store.claim(10, LEASE, NOW.toEpochMilli());
        long later = NOW.toEpochMilli() + 5_000;

        store.finish(List.of(new SendResult(claimed.get(0), SendResult.Kind.RETRY, "mail", "451 later", 0, later),
            new SendResult(claimed.get(1), SendResult.Kind.DEFER, "", "", 0, later)), NOW.toEpochMilli());

        assertThat(store.claim(10, LEASE, later - 1)).isEmpty();
        List<QueuedEmail> again = store.claim(10, LEASE, later);
        assertThat(again).extracting(QueuedEmail::id).containsExactly(ids[0], ids[1]);
        assertThat(again).extracting(QueuedEmail::attempts).containsExactly(2, 1);
        assertThat(store.status(ids[0])).isEqualTo(EmailStatus.QUEUED);
    }

    @Test
    void aDispatcherStepRecordsItsOutcomesBeforeItClaims() {
        long[] ids = accept(email(List.of("a@example.com", "b@example.com"), null));
        List<QueuedEmail> claimed = store.claim(2, LEASE, NOW.toEpochMilli());
        long[] more = accept(email(List.of("c@example.com"), null));
        long at = NOW.toEpochMilli() + 500;

        List<QueuedEmail> next = store.finishAndClaim(List.of(
            new SendResult(claimed.get(0), SendResult.Kind.DELIVERED, "mail", "250 OK", 0, 0),
            new SendResult(claimed.get(1), SendResult.Kind.RETRY, "mail", "451 later", 0, at)), 10, LEASE, at);

        // the retry, due at once, is claimed by the same step with its attempt counted; the delivered mail never again
        assertThat(next).extracting(QueuedEmail::id).containsExactly(more[0], ids[1]);
        assertThat(next).extracting(QueuedEmail::attempts).containsExactly(1, 2);
        assertThat(store.status(ids[0])).isEqualTo(EmailStatus.DELIVERED);
        assertThat(store.finishAndClaim(List.of(), 10, LEASE, at + 1)).as("leased").isEmpty();
    }

    @Test
    void aRestartedNodeTakesItsClaimsBackAtOnce() {
        long[] ids = accept(email(List.of("a@example.com"), null));
        assertThat(store.claim(10, LEASE, NOW.toEpochMilli())).hasSize(1);

        assertThat(store.reclaimOwn(NOW.toEpochMilli() + 1)).isEqualTo(1);

        assertThat(store.claim(10, LEASE, NOW.toEpochMilli() + 1)).extracting(QueuedEmail::id)
            .containsExactly(ids[0]);
    }
}
