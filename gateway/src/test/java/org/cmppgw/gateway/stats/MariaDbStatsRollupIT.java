package org.cmppgw.gateway.stats;

import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.persistence.MariaDbTestServer;
import org.cmppgw.gateway.persistence.jdbc.DataSourceSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** The hourly rollup on a real MariaDB, and two nodes rolling up the same store at once. */
@ExtendWith(MariaDbTestServer.class)
final class MariaDbStatsRollupIT extends StatsRollupContract {
    private static final int MESSAGES = 600;

    @Override
    DataSourceSettings newDatabase() {
        MariaDbTestServer.Database db = MariaDbTestServer.createDatabase();
        return DataSourceSettings.of(db.jdbcUrl(), db.username(), db.password());
    }

    @Test
    void twoNodesRollingUpAtOnceCountEachMessageOnce() throws Exception {
        for (int i = 0; i < MESSAGES; i++) {
            long msgId = id(i / 10, i % 10);
            message(msgId, i % 3 == 0 ? "a" : "b", 1 + i % 2);
            if (i % 2 == 0) {
                reported(msgId, i % 4 == 0 ? "cmcc" : "unicom", i % 6 == 0 ? "UNDELIV" : "DELIVRD", 3_000);
            }
        }
        // two nodes, small pages, started together: every step of each waits for the other's lock
        StatsRollup one = rollup(20);
        StatsRollup two = rollup(20);
        long counted = atOnce(one, two).stream().mapToLong(StatsRollup.Round::counted).sum();
        assertThat(counted).isEqualTo(MESSAGES);
        Figures first = total();
        assertThat(List.of(first.accepted(), first.submitted(), first.delivered() + first.failed()))
            .containsExactly((long) MESSAGES, MESSAGES / 2L, MESSAGES / 2L);
        assertThat(count("SELECT COUNT(*) FROM stats_watch")).isEqualTo(MESSAGES / 2);

        // the open half is reported now; both nodes look at the watch list at once
        for (int i = 1; i < MESSAGES; i += 2) {
            reported(id(i / 10, i % 10), "cmcc", "DELIVRD", 20_000);
        }
        long recounted = atOnce(one, two).stream().mapToLong(StatsRollup.Round::recounted).sum();
        assertThat(recounted).isEqualTo(MESSAGES / 2);
        Figures all = total();
        long undelivered = countUndelivered();
        assertThat(List.of(all.accepted(), all.submitted(), all.delivered(), all.failed()))
            .containsExactly((long) MESSAGES, (long) MESSAGES, MESSAGES - undelivered, undelivered);
        assertThat(all.latency()).containsExactly(latency(2, MESSAGES / 2, 4, MESSAGES / 2));
        assertThat(count("SELECT COUNT(*) FROM stats_watch")).isZero();
    }

    private long countUndelivered() throws SQLException {
        return count("SELECT COUNT(*) FROM message_final WHERE status = " + MessageStatus.FAILED.code());
    }

    private static List<StatsRollup.Round> atOnce(StatsRollup... rollups) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(rollups.length);
        try {
            CyclicBarrier start = new CyclicBarrier(rollups.length);
            List<CompletableFuture<StatsRollup.Round>> rounds = new ArrayList<>();
            for (StatsRollup rollup : rollups) {
                rounds.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return rollup.round();
                }, threads));
            }
            List<StatsRollup.Round> done = new ArrayList<>();
            for (CompletableFuture<StatsRollup.Round> round : rounds) {
                done.add(round.get());
            }
            return done;
        } finally {
            threads.shutdownNow();
        }
    }
}
