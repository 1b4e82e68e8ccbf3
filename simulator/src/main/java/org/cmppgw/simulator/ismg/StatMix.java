package org.cmppgw.simulator.ismg;

import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Picks report Stat values by weight (docs/cmpp-protocol.md §10.1), e.g. 95 % DELIVRD, 3 % UNDELIV. Immutable;
 * thread-safe when the {@link RandomGenerator} passed in is.
 */
public final class StatMix {
    private final String[] stats;
    /** cumulative[i] = sum of the weights of stats[0..i]. */
    private final int[] cumulative;
    private final int total;

    /** @param weights Stat to weight, as validated by {@link ReportConfig}; iteration order is kept */
    public StatMix(Map<String, Integer> weights) {
        int n = 0;
        int sum = 0;
        stats = new String[weights.size()];
        cumulative = new int[weights.size()];
        for (Map.Entry<String, Integer> e : weights.entrySet()) {
            if (e.getValue() > 0) {
                sum = Math.addExact(sum, e.getValue());
                stats[n] = e.getKey();
                cumulative[n] = sum;
                n++;
            }
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("weights: " + weights + " (expected: at least one weight > 0)");
        }
        total = sum;
    }

    /** One Stat drawn by weight. */
    public String pick(RandomGenerator random) {
        if (cumulative[0] == total) {
            return stats[0];
        }
        int r = random.nextInt(total);
        // A handful of Stat values: a linear scan beats a binary search.
        int i = 0;
        while (r >= cumulative[i]) {
            i++;
        }
        return stats[i];
    }
}
