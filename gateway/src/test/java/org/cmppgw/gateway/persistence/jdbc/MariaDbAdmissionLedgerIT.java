package org.cmppgw.gateway.persistence.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.model.TemplateType;
import org.cmppgw.gateway.persistence.BatchWriter;
import org.cmppgw.gateway.persistence.MariaDbTestServer;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

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
