package org.cmppgw.gateway.persistence;

import java.util.Arrays;

/**
 * The recent messages of one app to one mobile, as the store's send ledger holds them (docs/api.md, "Admission
 * rules"): what {@link RecipientRules} count. Primitive arrays, grown by doubling; confined to the store's writer
 * thread while one accept transaction decides.
 */
public final class SendHistory {
    private int size;
    private int[] kinds = new int[4];
    private long[] hashes = new long[4];
    private long[] times = new long[4];

    /** Adds a message of template type {@code kind} with content hash {@code hash}, accepted at {@code atMillis}. */
    public void add(int kind, long hash, long atMillis) {
        if (size == kinds.length) {
            kinds = Arrays.copyOf(kinds, size * 2);
            hashes = Arrays.copyOf(hashes, size * 2);
            times = Arrays.copyOf(times, size * 2);
        }
        kinds[size] = kind;
        hashes[size] = hash;
        times[size] = atMillis;
        size++;
    }

    /** Messages of {@code kind} (any when negative) accepted after {@code afterMillis}. */
    public int count(int kind, long afterMillis) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if ((kind < 0 || kinds[i] == kind) && times[i] > afterMillis) {
                n++;
            }
        }
        return n;
    }

    /** Messages of {@code kind} (any when negative) with text hash {@code hash} accepted after {@code afterMillis}. */
    public int countSame(int kind, long hash, long afterMillis) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if ((kind < 0 || kinds[i] == kind) && hashes[i] == hash && times[i] > afterMillis) {
                n++;
            }
        }
        return n;
    }
}
