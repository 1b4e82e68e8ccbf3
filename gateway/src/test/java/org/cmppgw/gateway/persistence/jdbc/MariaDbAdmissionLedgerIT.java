package org.cmppgw.gateway.persistence.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.model.TemplateType;
import org.cmppgw.gateway.persistence.BatchWriter;
import org.cmppgw.gateway.persistence.MariaDbTestServer;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertTwoNodesAdmitExactly();
    }

    @Test
    void pruningTheLedgerWhileTwoNodesSendNeitherFailsAnAcceptNorLetsOneMoreThrough() throws Exception {
        long old = clock.millis() - Duration.ofDays(2).toMillis();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO send_ledger (msg_id, app_key,"
                 + " mobile_key, kind, content_hash, sent_at) VALUES (?, ?, ?, 3, 0, ?)")) {
            for (int i = 0; i < 3_000; i++) {
                insert.setLong(1, MessageIdGenerator.firstIdOf(old) + i);
                insert.setString(2, APP);
                insert.setLong(3, SendLedger.mobileKey(i % 2 == 0 ? MOBILE : OTHER_MOBILE));
                insert.setLong(4, old);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        LedgerPrune prune = new LedgerPrune(dataSource);
        AtomicBoolean sending = new AtomicBoolean(true);
        CompletableFuture<Long> pruning = CompletableFuture.supplyAsync(() -> {
            long deleted = 0;
            while (sending.get()) {
                deleted += prune.prune(clock.millis(), Duration.ofHours(24).toMillis());
            }
            return deleted;
        });
        try {
            assertTwoNodesAdmitExactly();
        } finally {
            sending.set(false);
        }
        assertThat(Await.result("prune", pruning)).isEqualTo(3_000);
        assertThat(count("SELECT COUNT(*) FROM send_ledger")).as("the six admitted").isEqualTo(6);
    }

    @Test
    void twoNodesAcceptingLargeGroupsThatShareStripesNeverFailAndCountEveryMobile() {
        HikariDataSource otherPool = openDataSource();
        JdbcMessageStore node2 = openStore(otherPool, StoreSettings.defaults(2).withRules(RULES),
            BatchWriter.Listener.NONE);
        List<CompletableFuture<int[]>> verdicts = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            List<OutboundMessage> ascending = new ArrayList<>();
            List<OutboundMessage> descending = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                ascending.add(to(String.valueOf(13_700_000_000L + i), "【签名】a " + round));
                descending.add(to(String.valueOf(13_700_000_399L - i), "【签名】d " + round));
            }
            verdicts.add(store.admit(ascending, Collections.nCopies(400, TemplateType.NOTIFICATION)));
            verdicts.add(node2.admit(descending, Collections.nCopies(400, TemplateType.NOTIFICATION)));
        }

        for (CompletableFuture<int[]> future : verdicts) {
            assertThat(Await.result("admit", future)).as("200 notifications a day per mobile: all admitted")
                .containsOnly(0);
        }
        assertThat(count("SELECT COUNT(*) FROM send_ledger")).isEqualTo(8_000);
        assertThat(count("SELECT COUNT(DISTINCT mobile_key) FROM send_ledger")).isEqualTo(400);
    }

    /** With an id of this time, as the gateway's are: the prune keeps its ledger row. */
    private OutboundMessage now(String mobile, String content) {
        OutboundMessage m = to(mobile, content);
        return new OutboundMessage(MessageIdGenerator.firstIdOf(clock.millis()) + m.msgId(), m.appKey(), m.mobile(),
            m.content(), m.templateId(), m.priority(), m.callbackUrl(), m.parts(), m.acceptedAt());
    }

    private void assertTwoNodesAdmitExactly() {
        HikariDataSource otherPool = openDataSource();
        JdbcMessageStore node2 = openStore(otherPool, StoreSettings.defaults(2).withRules(RULES),
            BatchWriter.Listener.NONE);
        List<CompletableFuture<int[]>> verdicts = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            for (JdbcMessageStore node : List.of(store, node2)) {
                List<OutboundMessage> group = List.of(now(MOBILE, "【签名】sale " + round + node.hashCode()),
                    now(OTHER_MOBILE, "【签名】sale " + round + node.hashCode()));
                verdicts.add(node.admit(group, Collections.nCopies(group.size(), TemplateType.MARKETING)));
            }
        }

        int admitted = 0;
        int refused = 0;
        for (CompletableFuture<int[]> future : verdicts) {
            for (int verdict : Await.result("admit", future)) {
                admitted += verdict == 0 ? 1 : 0;
                refused += verdict == 50009 ? 1 : 0;
            }
        }

        assertThat(admitted).as("3 marketing per mobile in 10 min, 2 mobiles, whichever node").isEqualTo(6);
        assertThat(refused).isEqualTo(80 - 6);
        assertThat(count("SELECT COUNT(*) FROM message")).isEqualTo(6);
    }
}
