package org.cmppgw.simulator.load;

import java.io.PrintStream;

/**
 * The once-a-second status line on stderr: totals and per-second rates since the previous line, so an operator
 * sees at a glance whether accepts and callbacks keep up with the target rate.
 */
final class ProgressLine {
    private static final double NANOS_PER_SECOND = 1e9;

    private final PrintStream out;
    private long lastNanos;
    private long lastAccepted;
    private long lastReports;

    ProgressLine(PrintStream out, long startNanos) {
        this.out = out;
        this.lastNanos = startNanos;
    }

    void print(long now, long elapsedNanos, String phase, RunStats stats, int inFlight) {
        double seconds = Math.max(1e-9, (now - lastNanos) / NANOS_PER_SECOND);
        long accepted = stats.tracker.accepted();
        long reports = stats.reports;
        StringBuilder line = new StringBuilder(160)
            .append('[').append(elapsedNanos / 1_000_000_000L).append("s ").append(phase).append("] sent ")
            .append(stats.sentMessages).append(" accepted ").append(accepted)
            .append(" (").append(Math.round((accepted - lastAccepted) / seconds)).append("/s) reports ")
            .append(reports).append(" (").append(Math.round((reports - lastReports) / seconds))
            .append("/s) pending ").append(stats.tracker.lost()).append(" in-flight ").append(inFlight)
            .append(" errors ").append(stats.errors());
        if (stats.badSignatures > 0) {
            line.append(" bad-signatures ").append(stats.badSignatures);
        }
        out.println(line);
        lastNanos = now;
        lastAccepted = accepted;
        lastReports = reports;
    }
}
