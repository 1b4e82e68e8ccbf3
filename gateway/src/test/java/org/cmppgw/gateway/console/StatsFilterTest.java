package org.cmppgw.gateway.console;

import org.cmppgw.gateway.stats.StatsQuery;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The statistics page's query parameters: defaults, each value read, and a clear message for each bad one. */
final class StatsFilterTest {
    private static final LocalDate TODAY = LocalDate.parse("2026-12-04");

    private static StatsQuery.Filter parse(String... pairs) {
        Map<String, List<String>> query = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            query.put(pairs[i], List.of(pairs[i + 1]));
        }
        return StatsFilter.parse(query, TODAY);
    }

    @Test
    void theDefaultIsTheLastWeekPerDay() {
        StatsQuery.Filter f = parse();
        assertThat(f).isEqualTo(new StatsQuery.Filter(LocalDate.parse("2026-11-28"), TODAY, StatsQuery.Period.DAY,
            StatsQuery.Group.NONE, "", 0, null));
        assertThat(StatsFilter.queryString(f)).isEqualTo("?from=2026-11-28&to=2026-12-04&period=day&group=none");
    }

    @Test
    void everyValueIsReadAndWrittenBack() {
        StatsQuery.Filter f = parse("from", "2026-12-01", "to", "2026-12-02", "period", "hour", "group", "provider",
            "app", "demo app", "template", "7", "provider", "-");
        assertThat(f).isEqualTo(new StatsQuery.Filter(LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-02"),
            StatsQuery.Period.HOUR, StatsQuery.Group.PROVIDER, "demo app", 7, ""));
        assertThat(StatsFilter.parse(Map.of("provider", List.of("cmcc")), TODAY).provider()).isEqualTo("cmcc");
        assertThat(StatsFilter.queryString(f))
            .isEqualTo("?from=2026-12-01&to=2026-12-02&period=hour&group=provider&app=demo+app&template=7&provider=-");
    }

    @Test
    void badValuesAreRefusedWithTheirName() {
        assertThatThrownBy(() -> parse("from", "2026-13-01")).hasMessage("from: 2026-13-01 (expected: yyyy-MM-dd)");
        assertThatThrownBy(() -> parse("from", "2026-12-05")).hasMessage(
            "to: 2026-12-04 (expected: on or after from 2026-12-05)");
        assertThatThrownBy(() -> parse("period", "week")).hasMessage("period: week (expected: day or hour)");
        assertThatThrownBy(() -> parse("group", "mobile"))
            .hasMessage("group: mobile (expected: none, app, template or provider)");
        assertThatThrownBy(() -> parse("template", "x1")).hasMessageStartingWith("template: x1 (expected:");
        assertThatThrownBy(() -> parse("period", "hour", "from", "2026-11-01"))
            .hasMessage("from: 2026-11-01 (expected: at most 31 days before to per hour)");
        assertThatThrownBy(() -> parse("from", "2025-12-01"))
            .hasMessage("from: 2025-12-01 (expected: at most 366 days before to per day)");
        assertThatThrownBy(() -> parse("app", "a".repeat(65))).hasMessage("app: at most 64 characters");
    }
}
