package org.cmppgw.gateway.persistence.sql;

import java.util.Arrays;
import java.util.Collection;

/** A growable list of primitive longs: the id lists of a batch, without boxing. Writer thread only. */
public final class LongList {
    private long[] values = new long[16];
    private int size;

    public static LongList of(Collection<Long> values) {
        LongList list = new LongList();
        for (long value : values) {
            list.add(value);
        }
        return list;
    }

    public void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    /** Empties the list, keeping its capacity. */
    public void clear() {
        size = 0;
    }

    public long get(int index) {
        return values[index];
    }

    public int size() {
        return size;
    }

    /** The backing array; only the first {@link #size()} values count. */
    public long[] values() {
        return values;
    }

    /** Sorts and removes duplicates in place. */
    public LongList distinctSorted() {
        Arrays.sort(values, 0, size);
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (n == 0 || values[n - 1] != values[i]) {
                values[n++] = values[i];
            }
        }
        size = n;
        return this;
    }
}
