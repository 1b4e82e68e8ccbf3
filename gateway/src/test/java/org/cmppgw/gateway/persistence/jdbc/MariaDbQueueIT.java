package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.model.MessagePriority;
import org.cmppgw.gateway.persistence.MariaDbTestServer;
import org.cmppgw.gateway.persistence.MessageQueue.Claimed;
import org.cmppgw.gateway.persistence.sql.Dialect;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue contract on a real MariaDB, and two nodes claiming at once: every message goes to exactly one. */
@ExtendWith(MariaDbTestServer.class)
final class MariaDbQueueIT extends QueueContract {
    @Override
    DataSourceSettings newDatabase() {
        MariaDbTestServer.Database db = MariaDbTestServer.createDatabase();
        return DataSourceSettings.of(db.jdbcUrl(), db.username(), db.password());
    }

    @Test
    void twoNodesClaimingAtOnceNeverGetTheSameMessage() {
        assertThat(Dialect.of(dataSource)).isEqualTo(Dialect.MARIADB);
        int total = 600;
        for (int i = 0; i < total; i++) {
            waiting(i % 2 == 0 ? MessagePriority.NORMAL : MessagePriority.LOW);
        }
        JdbcMessageQueue other = queue(2);
        List<Long> first = new ArrayList<>();
        List<Long> second = new ArrayList<>();
        while (true) {
            CompletableFuture<List<Claimed>> a = queue.claim(37, clock.millis(), Set.of(), 3);
            CompletableFuture<List<Claimed>> b = other.claim(41, clock.millis(), Set.of(), 3);
            List<Claimed> byA = Await.result("claim 1", a);
            List<Claimed> byB = Await.result("claim 2", b);
            byA.forEach(c -> first.add(c.message().msgId()));
            byB.forEach(c -> second.add(c.message().msgId()));
            if (byA.isEmpty() && byB.isEmpty()) {
                break;
            }
        }

        Set<Long> all = new HashSet<>(first);
        all.addAll(second);
        assertThat(first.size() + second.size()).isEqualTo(total);
        assertThat(all).hasSize(total);
        assertThat(first).isNotEmpty();
        assertThat(second).isNotEmpty();
    }
}
