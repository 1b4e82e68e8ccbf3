package org.cmppgw.gateway.console;

import org.cmppgw.gateway.stats.StatsQuery;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The statistics page's query (docs/operations.md "Statistics"): a range of days in the gateway's zone, per day or
 * per hour, split by app, template or provider, and narrowed to one of each. The range is bounded so that a page
 * stays small: 31 days per hour, 366 per day.
 */
final class StatsFilter {
    static final int MAX_HOURLY_DAYS = 31;
    static final int MAX_DAILY_DAYS = 366;
    /** Shown by default: the last week. */
    static final int DEFAULT_DAYS = 7;
    /** The provider filter's value for messages never submitted. */
    static final String NOT_SUBMITTED = "-";

    private StatsFilter() {
    }

    /** The query the parameters describe; {@code today} in the gateway's zone fills the missing dates. */
    static StatsQuery.Filter parse(Map<String, List<String>> query, LocalDate today) {
        LocalDate to = date(query, "to", today);
        LocalDate from = date(query, "from", to.minusDays(DEFAULT_DAYS - 1));
        StatsQuery.Period period = choice(query, "period", StatsQuery.Period.class, StatsQuery.Period.DAY,
            "day or hour");
        StatsQuery.Group group = choice(query, "group", StatsQuery.Group.class, StatsQuery.Group.NONE,
            "none, app, template or provider");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to: " + to + " (expected: on or after from " + from + ")");
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        int max = period == StatsQuery.Period.HOUR ? MAX_HOURLY_DAYS : MAX_DAILY_DAYS;
        if (days > max) {
            throw new IllegalArgumentException("from: " + from + " (expected: at most " + max + " days before to"
                + " per " + period.name().toLowerCase(Locale.ROOT) + ")");
        }
        String app = text(query, "app");
        long template = template(query);
        String provider = text(query, "provider");
        return new StatsQuery.Filter(from, to, period, group, app, template,
            provider.isEmpty() ? null : NOT_SUBMITTED.equals(provider) ? "" : provider);
    }

    /** The same query as URL parameters, for the chart data's address. */
    static String queryString(StatsQuery.Filter f) {
        StringBuilder q = new StringBuilder("?from=").append(f.from()).append("&to=").append(f.to())
            .append("&period=").append(lower(f.period())).append("&group=").append(lower(f.group()));
        if (!f.appKey().isEmpty()) {
            q.append("&app=").append(URLEncoder.encode(f.appKey(), StandardCharsets.UTF_8));
        }
        if (f.templateId() > 0) {
            q.append("&template=").append(f.templateId());
        }
        if (f.provider() != null) {
            q.append("&provider=").append(f.provider().isEmpty() ? NOT_SUBMITTED
                : URLEncoder.encode(f.provider(), StandardCharsets.UTF_8));
        }
        return q.toString();
    }

    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0).strip();
    }

    private static String text(Map<String, List<String>> query, String name) {
        String value = first(query, name);
        if (value.length() > MessageFilter.MAX_TEXT) {
            throw new IllegalArgumentException(name + ": at most " + MessageFilter.MAX_TEXT + " characters");
        }
        return value;
    }

    private static LocalDate date(Map<String, List<String>> query, String name, LocalDate missing) {
        String value = first(query, name);
        if (value.isEmpty()) {
            return missing;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: yyyy-MM-dd)", e);
        }
    }

    private static long template(Map<String, List<String>> query) {
        String value = first(query, "template");
        if (value.isEmpty()) {
            return 0;
        }
        long id = ConsoleRequest.positive(value);
        if (id <= 0) {
            throw new IllegalArgumentException("template: " + value + " (expected: a template id, a positive number)");
        }
        return id;
    }

    private static <E extends Enum<E>> E choice(Map<String, List<String>> query, String name, Class<E> type,
                                                E missing, String expected) {
        String value = first(query, name);
        if (value.isEmpty()) {
            return missing;
        }
        for (E e : type.getEnumConstants()) {
            if (lower(e).equals(value)) {
                return e;
            }
        }
        throw new IllegalArgumentException(name + ": " + value + " (expected: " + expected + ")");
    }
}
