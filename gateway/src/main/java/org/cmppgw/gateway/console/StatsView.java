package org.cmppgw.gateway.console;

import org.cmppgw.gateway.stats.Figures;
import org.cmppgw.gateway.stats.StatsQuery;

import java.util.List;

/**
 * What the statistics page shows (docs/operations.md "Statistics"): the form's values, the choices of its selects,
 * the address of the chart data, and the table, which carries the same numbers as the charts.
 *
 * @param from      first day, {@code yyyy-MM-dd}
 * @param to        last day
 * @param period    day or hour
 * @param group     none, app, template or provider
 * @param app       the app filter, or empty
 * @param template  the template filter, or empty
 * @param provider  the provider filter ({@code -}: not submitted), or empty
 * @param apps      the configured apps
 * @param providers the configured providers
 * @param dataUrl   the chart data of this query
 * @param zone      the zone days and hours are shown in
 * @param rows      the table's rows
 * @param total     the sums of the range
 * @param error     why the query was refused, or empty
 */
public record StatsView(String from, String to, String period, String group, String app, String template,
                        String provider, List<String> apps, List<String> providers, String dataUrl, String zone,
                        List<StatsQuery.Row> rows, Figures total, String error) {
    public StatsView {
        apps = List.copyOf(apps);
        providers = List.copyOf(providers);
        rows = List.copyOf(rows);
    }

    /** Whether the rows are split by a group, so the table needs its column. */
    public boolean grouped() {
        return !"none".equals(group);
    }

    /** The name of the group column. */
    public String groupTitle() {
        return switch (group) {
            case "app" -> "App";
            case "template" -> "Template";
            case "provider" -> "Provider";
            default -> "";
        };
    }

    /** A group value as shown: the provider of messages never submitted has none. */
    public String groupLabel(String value) {
        return "provider".equals(group) && value.isEmpty() ? "(not submitted)" : value;
    }
}
