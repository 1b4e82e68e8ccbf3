package org.cmppgw.gateway.stats;

import org.cmppgw.gateway.persistence.sql.JdbcExecutor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The console's reads of the hourly rollup (docs/operations.md "Statistics"): the rows of a date range, filtered by
 * app, template and provider, summed per hour or per day and per group. A day is the sum of the hours that start in
 * it in the gateway's zone ({@code schedules.zone}); the rollup's primary key starts with the hour, so a range is one
 * index range whatever the table holds.
 */
public final class StatsQuery {
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** Rows per hour or per day. */
    public enum Period {
        HOUR, DAY
    }

    /** What the rows are split by, besides the period. */
    public enum Group {
        NONE(null), APP("app_key"), TEMPLATE("template_id"), PROVIDER("provider");

        private final String column;

        Group(String column) {
            this.column = column;
        }
    }

    /**
     * What to show.
     *
     * @param from       the first day (in the gateway's zone)
     * @param to         the last day, inclusive
     * @param period     per hour or per day
     * @param group      split by app, template or provider, or not
     * @param appKey     only this app, or empty
     * @param templateId only this template, or 0
     * @param provider   only this provider, or null for any (empty: never submitted)
     */
    public record Filter(LocalDate from, LocalDate to, Period period, Group group, String appKey, long templateId,
                         String provider) {
        public Filter {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(period, "period");
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(appKey, "appKey");
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("to: " + to + " (expected: on or after from " + from + ")");
            }
        }
    }

    /**
     * One row of the answer.
     *
     * @param period  {@code yyyy-MM-dd} or {@code yyyy-MM-dd HH:mm} in the gateway's zone
     * @param group   the app, template id or provider ({@code ""}: not submitted), or empty when not grouped
     * @param figures the sums
     */
    public record Row(String period, String group, Figures figures) {
    }

    /** The rows in period order, then group order, and their total. */
    public record Report(List<Row> rows, Figures total) {
        public Report {
            rows = List.copyOf(rows);
        }
    }

    private final JdbcExecutor reads;
    private final ZoneId zone;

    public StatsQuery(JdbcExecutor reads, ZoneId zone) {
        this.reads = Objects.requireNonNull(reads, "reads");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    public ZoneId zone() {
        return zone;
    }

    public CompletableFuture<Report> report(Filter filter) {
        return reads.transaction("console statistics", c -> report(c, filter));
    }

    private Report report(Connection c, Filter filter) throws SQLException {
        long from = filter.from().atStartOfDay(zone).toInstant().toEpochMilli();
        long to = filter.to().plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        String groupColumn = filter.group().column;
        StringBuilder sql = new StringBuilder("SELECT hour_start");
        sql.append(groupColumn == null ? ", ''" : ", " + groupColumn);
        sql.append(", SUM(accepted), SUM(submitted), SUM(delivered), SUM(failed), SUM(no_report)");
        for (int i = 0; i < LatencyBuckets.COUNT; i++) {
            sql.append(", SUM(lat_").append(i).append(')');
        }
        sql.append(" FROM stats_hour WHERE hour_start >= ? AND hour_start < ?");
        List<Object> args = new ArrayList<>(List.of(from, to));
        if (!filter.appKey().isEmpty()) {
            sql.append(" AND app_key = ?");
            args.add(filter.appKey());
        }
        if (filter.templateId() > 0) {
            sql.append(" AND template_id = ?");
            args.add(filter.templateId());
        }
        if (filter.provider() != null) {
            sql.append(" AND provider = ?");
            args.add(filter.provider());
        }
        sql.append(" GROUP BY hour_start").append(groupColumn == null ? "" : ", " + groupColumn);
        // Period label, then group: sorted by text, which for these formats is time order.
        Map<String, Map<String, Figures>> sums = new TreeMap<>();
        Figures total = new Figures();
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    Figures f = new Figures();
                    for (int i = 0; i < Figures.SLOTS; i++) {
                        f.add(i, rows.getLong(3 + i));
                    }
                    if (f.isZero()) {
                        continue;
                    }
                    String period = label(rows.getLong(1), filter.period());
                    sums.computeIfAbsent(period, k -> new TreeMap<>())
                        .computeIfAbsent(rows.getString(2), k -> new Figures()).add(f);
                    total.add(f);
                }
            }
        }
        List<Row> out = new ArrayList<>();
        sums.forEach((period, groups) -> groups.forEach((group, f) -> out.add(new Row(period, group, f))));
        return new Report(out, total);
    }

    private String label(long hourStart, Period period) {
        LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochMilli(hourStart), zone);
        return period == Period.DAY ? local.toLocalDate().toString() : HOUR.format(local);
    }
}
