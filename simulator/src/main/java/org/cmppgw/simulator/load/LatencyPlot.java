package org.cmppgw.simulator.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A self-contained HTML page (no scripts, no external resources) with one inline SVG chart per latency: value
 * against percentile on the usual "1 / (1 − p)" axis (90%, 99%, 99.9% … equally spaced), as HdrHistogram's
 * plotter draws it, so the tail is visible.
 */
final class LatencyPlot {
    private static final int WIDTH = 760;
    private static final int HEIGHT = 340;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 20;
    private static final int BOTTOM = 45;
    private static final double MAX_NINES = 6;
    private static final String[] NINES_LABELS = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%", "99.9999%"};

    private LatencyPlot() {
    }

    static void write(Path file, LoadResult result) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, html(result), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("latency plot " + file + " - cannot write", e);
        }
    }

    static String html(LoadResult r) {
        StringBuilder sb = new StringBuilder(16 * 1024);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Load run latency</title>")
            .append("<style>body{font-family:sans-serif;margin:2em}td,th{padding:2px 10px;text-align:right}")
            .append("</style></head><body>\n<h1>Load run: ").append(escape(r.target())).append("</h1>\n<p>")
            .append(r.mode()).append(" x").append(r.batchSize()).append(", ").append(r.connections())
            .append(" connections, target rate ").append(r.rate() == 0 ? "flat out" : r.rate() + " msg/s")
            .append(". Accepted ").append(r.accepted()).append(" (").append(fmt(r.acceptedPerSecond()))
            .append("/s), reports ").append(r.reports()).append(", lost ").append(r.lost()).append(", pending ")
            .append(r.pending()).append(", duplicates ").append(r.duplicates()).append(", errors ").append(r.errors())
            .append(".</p>\n");
        table(sb, r);
        chart(sb, "API accept latency (request → response)", r.acceptLatency(), "#1f77b4");
        chart(sb, "Accept → delivery report latency", r.callbackLatency(), "#d62728");
        return sb.append("</body></html>\n").toString();
    }

    private static void table(StringBuilder sb, LoadResult r) {
        sb.append("<table><tr><th></th><th>count</th><th>p50</th><th>p90</th><th>p99</th><th>p99.9</th>")
            .append("<th>max</th></tr>\n");
        row(sb, "accept (ms)", r.acceptLatency());
        row(sb, "report (ms)", r.callbackLatency());
        sb.append("</table>\n");
    }

    private static void row(StringBuilder sb, String name, LatencySummary s) {
        sb.append("<tr><th>").append(name).append("</th><td>").append(s.count()).append("</td><td>")
            .append(fmt(s.p50Ms())).append("</td><td>").append(fmt(s.p90Ms())).append("</td><td>")
            .append(fmt(s.p99Ms())).append("</td><td>").append(fmt(s.p999Ms())).append("</td><td>")
            .append(fmt(s.maxMs())).append("</td></tr>\n");
    }

    private static void chart(StringBuilder sb, String title, LatencySummary s, String colour) {
        sb.append("<h2>").append(title).append("</h2>\n");
        List<LatencySummary.Point> points = s.distribution();
        if (points.isEmpty()) {
            sb.append("<p>No values recorded.</p>\n");
            return;
        }
        double maxNines = 1;
        double maxMs = 0;
        for (LatencySummary.Point p : points) {
            if (p.percentile() < 100) {
                // The 100% point is drawn at the right edge; the axis spans the measured percentiles.
                maxNines = Math.max(maxNines, nines(p.percentile()));
            }
            maxMs = Math.max(maxMs, p.valueMs());
        }
        double xMax = Math.min(MAX_NINES, Math.ceil(maxNines));
        double yMax = niceCeiling(maxMs);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
            .append(HEIGHT).append("\" font-size=\"11\">\n");
        sb.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(plotW)
            .append("\" height=\"").append(plotH).append("\" fill=\"none\" stroke=\"#888\"/>\n");
        for (int i = 0; i <= (int) xMax; i++) {
            double x = LEFT + plotW * i / xMax;
            line(sb, x, TOP, x, TOP + plotH);
            text(sb, x, TOP + plotH + 15, "middle", NINES_LABELS[i]);
        }
        for (int i = 0; i <= 4; i++) {
            double y = TOP + plotH - plotH * i / 4.0;
            line(sb, LEFT, y, LEFT + plotW, y);
            text(sb, LEFT - 6, y + 4, "end", fmt(yMax * i / 4.0));
        }
        text(sb, LEFT + plotW / 2.0, HEIGHT - 8, "middle", "percentile");
        text(sb, 14, TOP + plotH / 2.0, "middle", "ms");
        sb.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\" points=\"");
        for (LatencySummary.Point p : points) {
            double x = LEFT + plotW * Math.min(nines(p.percentile()), xMax) / xMax;
            double y = TOP + plotH - plotH * p.valueMs() / yMax;
            sb.append(fmt(x)).append(',').append(fmt(y)).append(' ');
        }
        sb.append("\"/>\n</svg>\n");
    }

    /** log10(1 / (1 − p)): 90% → 1, 99% → 2, …; 100% is clamped to {@link #MAX_NINES}. */
    private static double nines(double percentile) {
        double rest = 1 - percentile / 100.0;
        return rest <= 0 ? MAX_NINES : Math.min(MAX_NINES, Math.log10(1 / rest));
    }

    private static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static void line(StringBuilder sb, double x1, double y1, double x2, double y2) {
        sb.append("<line x1=\"").append(fmt(x1)).append("\" y1=\"").append(fmt(y1)).append("\" x2=\"")
            .append(fmt(x2)).append("\" y2=\"").append(fmt(y2)).append("\" stroke=\"#ddd\"/>\n");
    }

    private static void text(StringBuilder sb, double x, double y, String anchor, String text) {
        sb.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y)).append("\" text-anchor=\"")
            .append(anchor).append("\">").append(escape(text)).append("</text>\n");
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
