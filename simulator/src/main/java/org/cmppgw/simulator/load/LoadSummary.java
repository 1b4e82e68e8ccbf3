package org.cmppgw.simulator.load;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/** What {@code simulator load} prints and writes when a run ends: the result files and the summary on stdout. */
final class LoadSummary {
    private LoadSummary() {
    }

    /** The one line a warm-up prints: it writes no files, and its figures are not the run's. */
    static String warmUpLine(LoadResult r) {
        return String.format(Locale.ROOT, "warm-up         accepted %d (%.1f/s over %.1f s), reports %d, lost %d, "
            + "errors %d", r.accepted(), r.acceptedPerSecond(), r.sendSeconds(), r.reports(), r.lost(), r.errors());
    }

    /** Writes the result files and prints the summary. */
    static void report(LoadResult r, LoadConfig config, PrintStream out) {
        if (!config.resultFile().isEmpty()) {
            ResultFiles.write(Path.of(config.resultFile()), r);
        }
        if (!config.htmlFile().isEmpty()) {
            LatencyPlot.write(Path.of(config.htmlFile()), r);
        }
        out.println("target          " + r.target() + " (" + r.mode() + " x" + r.batchSize() + ", "
            + r.connections() + " connections, rate " + (r.rate() == 0 ? "flat out" : r.rate() + "/s") + ")");
        out.println("sent            " + r.sentMessages() + " messages in " + r.sentRequests() + " requests");
        out.printf(Locale.ROOT, "accepted        %d (%.1f/s over %.1f s)%n", r.accepted(),
            r.acceptedPerSecond(), r.sendSeconds());
        out.printf(Locale.ROOT, "reports         %d (%.1f/s) by status %s%n", r.reports(),
            r.callbacksPerSecond(), r.reportsByStatus());
        out.println("lost            " + r.lost() + "   pending " + r.pending() + "   duplicates " + r.duplicates()
            + "   unknown msg_ids " + r.unknownMsgIds() + "   bad signatures " + r.badSignatures()
            + "   bad callbacks " + r.badCallbacks());
        out.println("errors          " + r.errors() + " " + r.errorsByCode());
        out.println("accept latency  " + latency(r.acceptLatency()));
        out.println("report latency  " + latency(r.callbackLatency()));
        if (r.hardLimitHit()) {
            out.println("note            the run hit its hard time limit");
        }
        if (!config.resultFile().isEmpty()) {
            out.println("result          " + config.resultFile());
        }
        if (r.passed()) {
            out.println("PASSED");
        } else if (r.incomplete()) {
            out.println("INCOMPLETE (" + r.pending() + " messages pending: reports were still coming when the wait "
                + "ended; raise --grace-seconds, or lower --rate to what the gateway's carrier accounts take)");
        } else {
            out.println("FAILED (lost or errors > 0)");
        }
    }

    private static String latency(LatencySummary s) {
        return String.format(Locale.ROOT, "p50 %.2f ms  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f  (n=%d)",
            s.p50Ms(), s.p90Ms(), s.p99Ms(), s.p999Ms(), s.maxMs(), s.count());
    }
}
