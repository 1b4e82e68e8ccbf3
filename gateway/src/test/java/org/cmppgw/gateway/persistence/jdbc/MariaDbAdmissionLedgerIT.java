package org.cmppgw.gateway.persistence.jdbc;

import com.zaxxer.hikari.HikariDataSource;
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
    void pruningTheLocksWhileTwoNodesSendNeitherFailsAnAcceptNorLetsOneMoreThrough() throws Exception {
        long old = clock.millis() - Duration.ofDays(2).toMillis();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                 "INSERT INTO send_lock (app_key, mobile_key, touched_at) VALUES (?, ?, ?)")) {
            for (String mobile : List.of(MOBILE, OTHER_MOBILE)) {
                insert.setString(1, APP);
                insert.setLong(2, SendLedger.mobileKey(mobile));
                insert.setLong(3, old);
                insert.addBatch();
            }
            for (int i = 0; i < 3_000; i++) {
                insert.setString(1, APP);
                insert.setLong(2, 13_700_000_000L + i);
                insert.setLong(3, old);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        LedgerPrune prune = new LedgerPrune(dataSource);
        AtomicBoolean sending = new AtomicBoolean(true);
        CompletableFuture<Long> pruning = CompletableFuture.supplyAsync(() -> {
            long deleted = 0;
            while (sending.get()) {
                deleted += prune.prune(clock.millis(), Duration.ofHours(24).toMillis()).lockRows();
            }
            return deleted;
        });
        try {
            assertTwoNodesAdmitExactly();
        } finally {
            sending.set(false);
        }
        Await.result("prune", pruning);
        assertThat(count("SELECT COUNT(*) FROM send_lock WHERE touched_at = " + old)).isZero();
        assertThat(count("SELECT COUNT(*) FROM send_lock")).as("the two mobiles' fresh locks").isEqualTo(2);
    }

    private void assertTwoNodesAdmitExactly() {
        HikariDataSource otherPool = openDataSource();
        JdbcMessageStore node2 = openStore(otherPool, StoreSettings.defaults(2).withRules(RULES),
            BatchWriter.Listener.NONE);
        List<CompletableFuture<int[]>> verdicts = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            for (JdbcMessageStore node : List.of(store, node2)) {
                List<OutboundMessage> group = List.of(to(MOBILE, "【签名】sale " + round + node.hashCode()),
                    to(OTHER_MOBILE, "【签名】sale " + round + node.hashCode()));
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
