package org.cmppgw.gateway.stats;

import com.zaxxer.hikari.HikariDataSource;
import org.cmppgw.gateway.history.BatchPace;
import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.persistence.jdbc.DataSourceSettings;
import org.cmppgw.gateway.persistence.jdbc.DataSources;
import org.cmppgw.gateway.persistence.sql.JdbcExecutor;
import org.cmppgw.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hourly rollup over the real schema (V1 … V22), the same on H2 and MariaDB: what each message counts for, the
 * latency buckets, re-runs and restarts that count nothing twice, the watch list, retention, and the console's reads
 * summed per day in a zone.
 */
abstract class StatsRollupContract {
    /** 10:00 UTC: hour boundaries fall on whole minutes below. */
    static final long T0 = Instant.parse("2026-12-03T10:00:00Z").toEpochMilli();
    static final long HOUR = HourKey.HOUR_MILLIS;
    static final Duration LAG = Duration.ofMinutes(2);

    HikariDataSource dataSource;
    MutableClock clock;

    abstract DataSourceSettings newDatabase() throws Exception;

    @BeforeEach
    final void open() throws Exception {
        dataSource = DataSources.open(newDatabase());
        clock = new MutableClock(Instant.ofEpochMilli(T0 + 5 * HOUR));
    }

    @AfterEach
    final void close() {
        dataSource.close();
    }

    StatsRollup rollup(int batchSize) {
        return new StatsRollup(dataSource, clock, LAG, Duration.ofDays(400), BatchPace.unpaced(batchSize));
    }

    /** A message accepted {@code minute} minutes after T0, numbered as the gateway's id generator would. */
    static long id(int minute, int sequence) {
        return MessageIdGenerator.firstIdOf(T0 + minute * 60_000L) + sequence;
    }

    void message(long msgId, String app, long template) throws SQLException {
        execute("INSERT INTO message (msg_id, app_key, mobile, content, template_id, priority, callback_url, parts,"
            + " accepted_at) VALUES (?, ?, '13800138000', 'text', ?, 0, NULL, 1, ?)", msgId, app, template,
            MessageIdGenerator.epochMillisOf(msgId));
    }

    void submit(long msgId, String provider, int result, long at) throws SQLException {
        execute("INSERT INTO carrier_submit (provider, carrier_msg_id, msg_id, part_no, part_count, result,"
            + " submitted_at) VALUES (?, ?, ?, 1, 1, ?, ?)", provider, msgId ^ 0x5555, msgId, result, at);
    }

    void finalStatus(long msgId, MessageStatus status, String stat, long at) throws SQLException {
        execute("INSERT INTO message_final (msg_id, app_key, mobile, status, stat, final_at, pulled)"
            + " VALUES (?, 'app', 'm', ?, ?, ?, 0)", msgId, status.code(), stat, at);
    }

    /** Submitted to {@code provider} and reported {@code latencyMillis} later. */
    void reported(long msgId, String provider, String stat, long latencyMillis) throws SQLException {
        long at = MessageIdGenerator.epochMillisOf(msgId) + 100;
        submit(msgId, provider, 0, at);
        finalStatus(msgId, "DELIVRD".equals(stat) ? MessageStatus.DELIVERED : MessageStatus.FAILED, stat,
            at + latencyMillis);
    }

    void execute(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }

    long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet row = s.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** The sums of every rollup row, read through the console's query, per day in UTC, not grouped. */
    StatsQuery.Report report(StatsQuery.Period period, StatsQuery.Group group, String app, long template,
                             String provider, ZoneId zone) {
        try (JdbcExecutor reads = new JdbcExecutor(dataSource, "console-read", 1, 8)) {
            LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(T0), zone);
            return new StatsQuery(reads, zone).report(new StatsQuery.Filter(day.minusDays(1), day.plusDays(1), period,
                group, app, template, provider)).join();
        }
    }

    Figures total() {
        return report(StatsQuery.Period.DAY, StatsQuery.Group.NONE, "", 0, null, ZoneId.of("UTC")).total();
    }

    static long[] latency(int... bucketCounts) {
        long[] out = new long[LatencyBuckets.COUNT];
        for (int i = 0; i + 1 < bucketCounts.length; i += 2) {
            out[bucketCounts[i]] = bucketCounts[i + 1];
        }
        return out;
    }

    @Test
    void countsEachMessageInItsAcceptHourAppTemplateAndProvider() throws SQLException {
        message(id(0, 0), "a", 1);
        reported(id(0, 0), "cmcc", "DELIVRD", 800);            // bucket 0 (<= 1 s)
        message(id(1, 0), "a", 1);
        reported(id(1, 0), "cmcc", "DELIVRD", 4_000);          // bucket 2 (<= 5 s)
        message(id(2, 0), "a", 1);
        reported(id(2, 0), "cmcc", "UNDELIV", 7_200_000);      // bucket 11 (> 1 h)
        message(id(3, 0), "a", 2);
        submit(id(3, 0), "cmcc", 0, T0);
        finalStatus(id(3, 0), MessageStatus.FAILED, "GW:NOREPORT", T0 + 72 * HOUR);
        message(id(61, 0), "b", 1);                            // the next hour
        submit(id(61, 0), "unicom", 8, T0 + HOUR);             // refused by the carrier: not submitted
        finalStatus(id(61, 0), MessageStatus.FAILED, "GW:REJECTED", T0 + HOUR);
        message(id(62, 0), "b", 1);                            // still queued: accepted only

        StatsRollup.Round round = rollup(1000).round();

        assertThat(round.counted()).isEqualTo(6);
        StatsQuery.Report hours = report(StatsQuery.Period.HOUR, StatsQuery.Group.PROVIDER, "", 0, null,
            ZoneId.of("UTC"));
        assertThat(hours.rows()).extracting(StatsQuery.Row::period, StatsQuery.Row::group)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("2026-12-03 10:00", "cmcc"),
                org.assertj.core.groups.Tuple.tuple("2026-12-03 11:00", ""),
                org.assertj.core.groups.Tuple.tuple("2026-12-03 11:00", "unicom"));
        Figures cmcc = hours.rows().get(0).figures();
        assertThat(List.of(cmcc.accepted(), cmcc.submitted(), cmcc.delivered(), cmcc.failed(), cmcc.noReport()))
            .containsExactly(4L, 4L, 2L, 1L, 1L);
        assertThat(cmcc.latency()).containsExactly(latency(0, 1, 2, 1, 11, 1));
        assertThat(cmcc.latencyQuantile(0.5)).isEqualTo("≤5s");
        Figures unicom = hours.rows().get(2).figures();
        assertThat(List.of(unicom.accepted(), unicom.submitted(), unicom.failed())).containsExactly(1L, 0L, 1L);
        assertThat(unicom.latency()).as("a refusal has no report latency").containsOnly(0L);
        assertThat(hours.rows().get(1).figures().accepted()).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM stats_watch")).as("only the open message is watched").isEqualTo(1);

        StatsQuery.Report byTemplate = report(StatsQuery.Period.DAY, StatsQuery.Group.TEMPLATE, "a", 0, null,
            ZoneId.of("UTC"));
        assertThat(byTemplate.rows()).extracting(r -> r.group() + "=" + r.figures().accepted())
            .containsExactly("1=3", "2=1");
        assertThat(report(StatsQuery.Period.DAY, StatsQuery.Group.NONE, "", 0, "", ZoneId.of("UTC")).total()
            .accepted()).as("provider filter: never submitted").isEqualTo(1);
    }

    @Test
    void aSecondRoundCountsOnlyWhatChanged() throws SQLException {
        message(id(0, 0), "a", 1);
        message(id(0, 1), "a", 1);
        reported(id(0, 1), "cmcc", "DELIVRD", 500);
        StatsRollup rollup = rollup(1000);
        rollup.round();
        Figures first = total();
        assertThat(List.of(first.accepted(), first.submitted(), first.delivered())).containsExactly(2L, 1L, 1L);

        assertThat(rollup.round()).as("nothing new").isEqualTo(new StatsRollup.Round(0, 0, 0));
        assertThat(total()).isEqualTo(first);

        // the open message is submitted to another provider, then reported: moved from "" to cmcc, counted once
        submit(id(0, 0), "cmcc", 0, T0 + 1_000);
        assertThat(rollup.round().recounted()).isEqualTo(1);
        assertThat(total().submitted()).isEqualTo(2);
        finalStatus(id(0, 0), MessageStatus.DELIVERED, "DELIVRD", T0 + 1_500);
        assertThat(rollup.round().recounted()).isEqualTo(1);
        Figures after = total();
        assertThat(List.of(after.accepted(), after.submitted(), after.delivered())).containsExactly(2L, 2L, 2L);
        assertThat(after.latency()).containsExactly(latency(0, 2));
        assertThat(report(StatsQuery.Period.DAY, StatsQuery.Group.PROVIDER, "", 0, null, ZoneId.of("UTC")).rows())
            .singleElement().satisfies(r -> assertThat(r.group()).isEqualTo("cmcc"));
        assertThat(count("SELECT COUNT(*) FROM stats_watch")).isZero();
        assertThat(rollup.round()).isEqualTo(new StatsRollup.Round(0, 0, 0));
        assertThat(total()).isEqualTo(after);
    }

    @Test
    void aRestartGoesOnFromTheCursorAndCountsNothingTwice() throws SQLException {
        for (int i = 0; i < 25; i++) {
            message(id(i, 0), i % 2 == 0 ? "a" : "b", 1);
            reported(id(i, 0), "cmcc", i % 5 == 0 ? "UNDELIV" : "DELIVRD", 1_500);
        }
        // the clock lets the first 10 through; a page of 4 at a time
        clock.set(Instant.ofEpochMilli(T0 + 10 * 60_000L).plus(LAG));
        assertThat(rollup(4).round().counted()).isEqualTo(10);
        assertThat(total().accepted()).isEqualTo(10);

        // a new process (a restart) with the rest let through
        clock.set(Instant.ofEpochMilli(T0 + 5 * HOUR));
        assertThat(rollup(4).round().counted()).isEqualTo(15);
        Figures all = total();
        assertThat(List.of(all.accepted(), all.submitted(), all.delivered(), all.failed()))
            .containsExactly(25L, 25L, 20L, 5L);
        assertThat(all.latency()).containsExactly(latency(1, 25));
    }

    @Test
    void rowsOutliveThePurgedMessagesAndLeaveAfterTheirOwnRetention() throws SQLException {
        message(id(0, 0), "a", 1);
        reported(id(0, 0), "cmcc", "DELIVRD", 100);
        message(id(0, 1), "a", 1);
        StatsRollup rollup = rollup(1000);
        rollup.round();
        // the history purge removes the final message, and the open one is deleted by hand while watched
        execute("DELETE FROM message_final WHERE msg_id = ?", id(0, 0));
        execute("DELETE FROM carrier_submit WHERE msg_id = ?", id(0, 0));
        execute("DELETE FROM message WHERE msg_id IN (?, ?)", id(0, 0), id(0, 1));
        rollup.round();
        assertThat(total().accepted()).isEqualTo(2);
        assertThat(total().delivered()).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM stats_watch")).isZero();

        clock.set(Instant.ofEpochMilli(T0 + 401 * 24 * HOUR));
        assertThat(rollup.round().pruned()).as("the hour's rows of cmcc and of never submitted").isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM stats_hour")).isZero();
    }

    @Test
    void daysAreSumsOfHoursInTheGatewaysZone() throws SQLException {
        // 15:00 and 16:00 UTC are 23:00 on the 3rd and 00:00 on the 4th in Shanghai (+08:00)
        message(id(5 * 60, 0), "a", 1);
        message(id(6 * 60, 0), "a", 1);
        message(id(6 * 60 + 30, 0), "a", 1);
        clock.set(Instant.ofEpochMilli(T0 + 10 * HOUR));
        rollup(1000).round();
        StatsQuery.Report days = report(StatsQuery.Period.DAY, StatsQuery.Group.NONE, "", 0, null,
            ZoneId.of("Asia/Shanghai"));
        assertThat(days.rows()).extracting(r -> r.period() + "=" + r.figures().accepted())
            .containsExactly("2026-12-03=1", "2026-12-04=2");
        StatsQuery.Report utc = report(StatsQuery.Period.DAY, StatsQuery.Group.NONE, "", 0, null, ZoneId.of("UTC"));
        assertThat(utc.rows()).extracting(r -> r.period() + "=" + r.figures().accepted())
            .containsExactly("2026-12-03=3");
    }
}
