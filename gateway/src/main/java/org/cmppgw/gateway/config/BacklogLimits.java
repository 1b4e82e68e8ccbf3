package org.cmppgw.gateway.config;

import java.time.Duration;

/**
 * {@code limits.backlog}: the accepted messages not yet submitted (waiting in the store or in a node's memory) that
 * the API admits before it answers 503/50019 (docs/api.md, "Back-pressure"). Counted per node from the store every
 * {@code countInterval}, plus what the node accepted and sent since: across nodes the quota is approximate by what the
 * other nodes accepted within one interval.
 *
 * @param total         for the whole gateway
 * @param perApp        for one app
 * @param countInterval how often the backlog is counted in the store (also the refresh of its metrics)
 */
public record BacklogLimits(long total, long perApp, Duration countInterval) {
    public BacklogLimits {
        if (total < 1) {
            throw new IllegalArgumentException("total: " + total + " (expected: >= 1)");
        }
        if (perApp < 1 || perApp > total) {
            throw new IllegalArgumentException("perApp: " + perApp + " (expected: 1..total " + total + ")");
        }
        ConfigChecks.positive("countInterval", countInterval);
    }
}
