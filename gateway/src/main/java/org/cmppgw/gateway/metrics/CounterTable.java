package org.cmppgw.gateway.metrics;

import io.micrometer.core.instrument.Counter;

import java.util.Arrays;

/**
 * Counters keyed by two small ints (HTTP status and JSMS code), found by a linear scan of a copy-on-write array:
 * the handful of combinations that occur cost no allocation and no boxing per call.
 */
final class CounterTable {
    /** Creates the counter for a key the table has not seen. */
    interface Factory {
        Counter create(int a, int b);
    }

    private record Entry(long key, Counter counter) {
    }

    private final Factory factory;
    private volatile Entry[] entries = new Entry[0];

    CounterTable(Factory factory) {
        this.factory = factory;
    }

    Counter get(int a, int b) {
        long key = (long) a << 32 | b & 0xFFFFFFFFL;
        for (Entry e : entries) {
            if (e.key == key) {
                return e.counter;
            }
        }
        return add(key, a, b);
    }

    private synchronized Counter add(long key, int a, int b) {
        Entry[] current = entries;
        for (Entry e : current) {
            if (e.key == key) {
                return e.counter;
            }
        }
        Entry[] grown = Arrays.copyOf(current, current.length + 1);
        grown[current.length] = new Entry(key, factory.create(a, b));
        entries = grown;
        return grown[current.length].counter;
    }
}
