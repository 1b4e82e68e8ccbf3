package org.cmppgw.gateway.persistence.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.model.SmsType;
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

/** The balance contract on a real MariaDB, and two nodes spending one balance in one database. */
@ExtendWith(MariaDbTestServer.class)
final class MariaDbBalanceIT extends BalanceContract {
    @Override
    DataSourceSettings newDatabase() {
        MariaDbTestServer.Database db = MariaDbTestServer.createDatabase();
        return DataSourceSettings.of(db.jdbcUrl(), db.username(), db.password());
    }

    @Test
    void twoNodesSpendingOneBalanceAtOnceNeverSpendMoreThanItHolds() {
        give(APP, SmsType.INDUSTRY, 250);
        HikariDataSource otherPool = openDataSource();
        JdbcMessageStore node2 = openStore(otherPool, StoreSettings.defaults(2).withBilling(BILLING),
            BatchWriter.Listener.NONE);
        List<CompletableFuture<int[]>> verdicts = new ArrayList<>();
        for (int round = 0; round < 100; round++) {
            for (JdbcMessageStore node : List.of(store, node2)) {
                List<OutboundMessage> group = List.of(parts(APP, 1), parts(APP, 2));
                verdicts.add(node.admit(group, Collections.nCopies(group.size(), TemplateType.NOTIFICATION)));
            }
        }

        long paidParts = 0;
        int refused = 0;
        for (CompletableFuture<int[]> future : verdicts) {
            int[] pair = Await.result("admit", future);
            paidParts += (pair[0] == 0 ? 1 : 0) + (pair[1] == 0 ? 2 : 0);
            refused += (pair[0] == 50014 ? 1 : 0) + (pair[1] == 50014 ? 1 : 0);
        }

        assertThat(refused).as("600 parts asked of 250").isPositive();
        assertThat(paidParts).isEqualTo(250 - balance(APP, SmsType.INDUSTRY)).isGreaterThan(248);
        assertThat(count("SELECT COALESCE(SUM(parts), 0) FROM balance_charge")).isEqualTo(paidParts);
        assertThat(count("SELECT COALESCE(SUM(parts), 0) FROM message")).isEqualTo(paidParts);
        assertThat(balance(APP, SmsType.INDUSTRY)).isGreaterThanOrEqualTo(0);
    }
}
