package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.history.NoReportExpiry;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.persistence.BatchWriter;
import org.cmppgw.gateway.persistence.MariaDbTestServer;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history contract (expiry and retention) on a real MariaDB, and two nodes running the no-report expiry at once,
 * which only MariaDB serves (H2 is one process's database).
 */
@ExtendWith(MariaDbTestServer.class)
final class MariaDbHistoryIT extends HistoryContract {
    @Override
    DataSourceSettings newDatabase() {
        MariaDbTestServer.Database db = MariaDbTestServer.createDatabase();
        return DataSourceSettings.of(db.jdbcUrl(), db.username(), db.password());
    }

    @Test
    void twoNodesExpiringAtOnceCallEachMessageBackOnce() {
        List<OutboundMessage> messages = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            messages.add(submittedNow(1));
        }
        clock.advance(NO_REPORT.plusHours(1));
        JdbcMessageStore otherNode = openStore(openDataSource(), StoreSettings.defaults(2),
            BatchWriter.Listener.NONE);
        NoReportExpiry first = noReport(history());
        NoReportExpiry second = new NoReportExpiry(new JdbcHistoryStore(dataSource), otherNode, clock, NO_REPORT,
            PACE);

        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(first::round);
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(second::round);

        assertThat(Await.result("node 1", a) + Await.result("node 2", b)).isEqualTo(40);
        for (OutboundMessage m : messages) {
            assertThat(callbacksOf(m)).as("callbacks of %d", m.msgId()).isEqualTo(1);
        }
        assertThat(count("SELECT COUNT(*) FROM message_final WHERE stat = '" + NoReportExpiry.STAT + "'"))
            .isEqualTo(40);
    }
}
