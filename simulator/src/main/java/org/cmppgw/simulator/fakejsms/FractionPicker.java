package org.cmppgw.simulator.fakejsms;

/**
 * Picks exactly {@code floor(n * percent / 100)} of the first {@code n} events, evenly spread (a Bresenham-style
 * accumulator rather than a random draw), so a test can predict to the message how many reports a fault knob
 * drops or duplicates. Integer arithmetic in parts per million keeps the count exact.
 */
final class FractionPicker {
    private static final long MILLION = 1_000_000;
    private static final double PPM_PER_PERCENT = 10_000;

    private final long partsPerMillion;
    private long seen;

    FractionPicker(double percent) {
        this.partsPerMillion = Math.round(percent * PPM_PER_PERCENT);
    }

    /** Whether the next event is picked. */
    boolean next() {
        if (partsPerMillion == 0) {
            return false;
        }
        long before = seen * partsPerMillion / MILLION;
        seen++;
        return seen * partsPerMillion / MILLION > before;
    }
}
