package org.cmppgw.gateway.stats;

import java.util.Map;

/**
 * What the rollup counts for one message: it adds one to its hour's accepted, one to submitted once a submit was
 * accepted by the carrier, one to delivered, failed or no report once it is final, and its submit-to-report latency
 * once a carrier report made it final. A later look at the same message subtracts what was counted before and adds
 * what it counts now, so each message is in the rollup once, under its latest provider.
 *
 * @param hourStart  the UTC hour it was accepted in
 * @param appKey     its app
 * @param templateId its template
 * @param provider   the provider of its latest submit, empty while never submitted
 * @param submitted  a carrier accepted one of its submits (Result 0)
 * @param outcome    where it ended, or {@link Outcome#OPEN}
 * @param latency    final report time minus last accepted submit (ms) when a carrier report made it final, else -1
 */
record Counted(long hourStart, String appKey, long templateId, String provider, boolean submitted, Outcome outcome,
               long latency) {
    /** Where a message ended. */
    enum Outcome {
        OPEN, DELIVERED, FAILED, NO_REPORT
    }

    /** Adds this message's contribution to {@code deltas} ({@code sign} 1), or takes it away (-1). */
    void addTo(Map<HourKey, Figures> deltas, int sign) {
        Figures f = deltas.computeIfAbsent(new HourKey(hourStart, appKey, templateId, provider), k -> new Figures());
        f.add(Figures.ACCEPTED, sign);
        if (submitted) {
            f.add(Figures.SUBMITTED, sign);
        }
        switch (outcome) {
            case DELIVERED -> f.add(Figures.DELIVERED, sign);
            case FAILED -> f.add(Figures.FAILED, sign);
            case NO_REPORT -> f.add(Figures.NO_REPORT, sign);
            case OPEN -> {
                // nothing final to count yet
            }
        }
        if (latency >= 0) {
            f.add(Figures.LATENCY + LatencyBuckets.of(latency), sign);
        }
    }
}
