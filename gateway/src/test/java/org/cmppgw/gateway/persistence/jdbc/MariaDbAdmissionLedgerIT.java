package org.cmppgw.gateway.persistence.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.cmppgw.gateway.model.ContentHash;
import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.model.TemplateType;
import org.cmppgw.gateway.persistence.BatchWriter;
import org.cmppgw.gateway.persistence.MariaDbTestServer;
import org.cmppgw.gateway.persistence.RecipientRules;
import org.cmppgw.gateway.persistence.sql.Dialect;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The admission-ledger contract on a real MariaDB, and two nodes counting against one database. */
@ExtendWith(MariaDbTestServer.class)
final class MariaDbAdmissionLedgerIT extends AdmissionLedgerContract {
    @Override
    DataSourceSettings newDatabase() {
        MariaDbTestServer.Database db = MariaDbTestServer.createDatabase();
        return DataSourceSettings.of(db.jdbcUrl(), db.username(), db.password());
    }

    @Test
    void twoNodesSendingAtOnceNeverAdmitMoreThanTheLimitBetweenThem() {
        assertTwoNodesAdmitExactly(0);
    }

    @Test
    void aNodeSendingLargeGroupsAndOneSendingSmallOnesNeverAdmitMoreThanTheLimitBetweenThem() {
        // the first node's groups lock the whole ledger, the second node's their stripes
        assertTwoNodesAdmitExactly(SendLedger.MOST_STRIPES + 30);
    }

    @Test
    void aLargeGroupHoldsOffEveryOtherGroupUntilItsTransactionEnds() throws Exception {
        assertGroupInProgressHoldsOff(candidates(13_700_000_000L, 100), List.of(),
            List.of(candidates(13_800_000_000L, 1), candidates(13_900_000_000L, 100)));
    }

    @Test
    void smallGroupsOfOtherStripesDecideSideBySideButWaitForTheirOwnStripesAndForALargeGroup() throws Exception {
        assertGroupInProgressHoldsOff(candidates(13_700_000_000L, 2), candidates(13_800_000_000L, 2),
            List.of(candidates(13_700_000_001L, 1), candidates(13_900_000_000L, 100)));
    }

    @Test
    void messagesOlderThanTheWindowNeitherCountNorStopTwoNodesFromAdmittingExactlyTheLimit() throws Exception {
        long old = clock.millis() - Duration.ofDays(2).toMillis();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO message (msg_id, app_key, mobile,"
                 + " content, template_id, priority, callback_url, parts, accepted_at, rule_kind)"
                 + " VALUES (?, ?, ?, '【签名】sale', 7, 5, NULL, 1, ?, 3)")) {
            for (int i = 0; i < 3_000; i++) {
                insert.setLong(1, MessageIdGenerator.firstIdOf(old) + i);
                insert.setString(2, APP);
                insert.setString(3, i % 2 == 0 ? MOBILE : OTHER_MOBILE);
                insert.setLong(4, old);
                insert.addBatch();
            }
            insert.executeBatch();
        }

        assertTwoNodesAdmitExactly(0);
    }

    @Test
    void theRecentMessagesOfAGroupsMobilesAreReadThroughMessageMobileNeverTheWholeTable() throws Exception {
        String sql = new SendLedger(Dialect.MARIADB, RULES.recipients()).historySql(512);
        String prefix = Dialect.MARIADB.planFromStatistics();
        assertThat(sql).startsWith(prefix);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement explain = connection.prepareStatement(prefix + "EXPLAIN "
                 + sql.substring(prefix.length()))) {
            for (int i = 1; i <= 512; i++) {
                explain.setString(i, String.valueOf(13_700_000_000L + i));
            }
            explain.setLong(513, MessageIdGenerator.firstIdOf(clock.millis() - Duration.ofDays(1).toMillis()));
            explain.setLong(514, clock.millis() - Duration.ofDays(1).toMillis());
            try (ResultSet plan = explain.executeQuery()) {
                assertThat(plan.next()).isTrue();
                assertThat(plan.getString("type")).isEqualTo("range");
                assertThat(plan.getString("key")).isEqualTo("message_mobile");
            }
        }
    }

    @Test
    void twoNodesAcceptingLargeGroupsThatShareStripesNeverFailAndCountEveryMobile() {
        HikariDataSource otherPool = openDataSource();
        JdbcMessageStore node2 = openStore(otherPool, StoreSettings.defaults(2).withRules(RULES),
            BatchWriter.Listener.NONE);
        try {
            // 1,500 mobiles lock about 1,300 stripes: three locking reads each, so the chunks' order counts too
            List<CompletableFuture<int[]>> verdicts = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                List<OutboundMessage> first = new ArrayList<>();
                List<OutboundMessage> second = new ArrayList<>();
                for (int i = 0; i < 1_500; i++) {
                    first.add(to(String.valueOf(13_700_000_000L + i), "【签名】a " + round));
                    second.add(to(String.valueOf(13_700_001_499L - i), "【签名】b " + round));
                }
                verdicts.add(store.admit(first, Collections.nCopies(1_500, TemplateType.NOTIFICATION)));
                verdicts.add(node2.admit(second, Collections.nCopies(1_500, TemplateType.NOTIFICATION)));
            }

            for (CompletableFuture<int[]> future : verdicts) {
                assertThat(Await.result("admit", future)).as("200 notifications a day per mobile: all admitted")
                    .containsOnly(0);
            }
            assertThat(count("SELECT COUNT(*) FROM message WHERE rule_kind = 2")).isEqualTo(12_000);
            assertThat(count("SELECT COUNT(DISTINCT mobile) FROM message")).isEqualTo(1_500);
        } finally {
            node2.close();
            otherPool.close();
        }
    }

    @Test
    void theStripeLockReadsThePrimaryKeyRangeItAsksForNeverTheWholeTable() throws Exception {
        String sql = new SendLedger(Dialect.MARIADB, RULES.recipients()).lockSql(512);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql)) {
            for (int i = 1; i <= 512; i++) {
                explain.setLong(i, (i - 1) * 8L);
            }
            try (ResultSet plan = explain.executeQuery()) {
                assertThat(plan.next()).isTrue();
                assertThat(plan.getString("type")).isEqualTo("range");
                assertThat(plan.getString("key")).isEqualTo("PRIMARY");
            }
        }
    }

    /**
     * Both nodes send marketing to the same two mobiles, 20 groups each, all at once; the first node's groups also
     * carry {@code othersOnFirstNode} messages to mobiles of their own.
     */
    private void assertTwoNodesAdmitExactly(int othersOnFirstNode) {
        HikariDataSource otherPool = openDataSource();
        JdbcMessageStore node2 = openStore(otherPool, StoreSettings.defaults(2).withRules(RULES),
            BatchWriter.Listener.NONE);
        List<CompletableFuture<int[]>> verdicts = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            for (JdbcMessageStore node : List.of(store, node2)) {
                List<OutboundMessage> group = new ArrayList<>(List.of(
                    to(MOBILE, "【签名】sale " + round + node.hashCode()),
                    to(OTHER_MOBILE, "【签名】sale " + round + node.hashCode())));
                for (int i = 0; node == store && i < othersOnFirstNode; i++) {
                    group.add(to(String.valueOf(13_600_000_000L + round * 1_000L + i), "【签名】sale"));
                }
                verdicts.add(node.admit(group, Collections.nCopies(group.size(), TemplateType.MARKETING)));
            }
        }

        int admitted = 0;
        int refused = 0;
        for (CompletableFuture<int[]> future : verdicts) {
            int[] group = Await.result("admit", future);
            for (int i = 0; i < 2; i++) {
                admitted += group[i] == 0 ? 1 : 0;
                refused += group[i] == 50009 ? 1 : 0;
            }
            for (int i = 2; i < group.length; i++) {
                assertThat(group[i]).as("a mobile of its own, once").isZero();
            }
        }

        assertThat(admitted).as("3 marketing per mobile in 10 min, 2 mobiles, whichever node").isEqualTo(6);
        assertThat(refused).isEqualTo(80 - 6);
        assertThat(count("SELECT COUNT(*) FROM message WHERE accepted_at = " + clock.millis()
            + " AND mobile IN ('" + MOBILE + "', '" + OTHER_MOBILE + "')")).isEqualTo(6);
        assertThat(count("SELECT COUNT(*) FROM message WHERE accepted_at = " + clock.millis()))
            .isEqualTo(6 + 20L * othersOnFirstNode);
    }

    /**
     * Decides {@code first} on one connection and keeps its transaction open. Meanwhile, on another connection,
     * {@code alongside} is decided without waiting, and each group of {@code heldOff} would have to wait (refused at
     * once with error 1205 here). Once the first transaction ends, every group of {@code heldOff} is decided.
     */
    private void assertGroupInProgressHoldsOff(List<SendLedger.Candidate> first,
                                               List<SendLedger.Candidate> alongside,
                                               List<List<SendLedger.Candidate>> heldOff) throws SQLException {
        SendLedger ledger = new SendLedger(Dialect.MARIADB, RULES.recipients());
        try (Connection inProgress = dataSource.getConnection();
             Connection other = dataSource.getConnection()) {
            inProgress.setAutoCommit(false);
            assertThat(ledger.decide(inProgress, first)).containsOnly(0);
            // a lock the other connection would have to wait for fails at once (error 1205) instead
            other.setAutoCommit(false);
            try (Statement statement = other.createStatement()) {
                statement.execute("SET SESSION innodb_lock_wait_timeout = 0");
            }
            try {
                assertThat(ledger.decide(other, alongside)).as("no lock in common: no wait, all admitted")
                    .isEqualTo(new int[alongside.size()]);
                for (List<SendLedger.Candidate> group : heldOff) {
                    assertThatThrownBy(() -> ledger.decide(other, group)).as("%s messages from %s", group.size(),
                        group.get(0).message().mobile()).isInstanceOf(SQLException.class)
                        .hasMessageContaining("Lock wait timeout");
                }

                inProgress.rollback();

                for (List<SendLedger.Candidate> group : heldOff) {
                    assertThat(ledger.decide(other, group)).containsOnly(0);
                }
            } finally {
                other.rollback();
                try (Statement statement = other.createStatement()) {
                    statement.execute("SET SESSION innodb_lock_wait_timeout = DEFAULT");
                }
            }
        }
    }

    /** Notifications to {@code n} mobiles from {@code first} on, as one group. */
    private List<SendLedger.Candidate> candidates(long first, int n) {
        List<SendLedger.Candidate> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new SendLedger.Candidate(to(String.valueOf(first + i), "【签名】notice"),
                RecipientRules.NOTIFICATION, ContentHash.of("【签名】notice")));
        }
        return out;
    }
}
