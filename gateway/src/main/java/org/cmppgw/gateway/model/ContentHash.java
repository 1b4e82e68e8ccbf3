package org.cmppgw.gateway.model;

/**
 * A 64-bit hash of a message's full text, for "the same content" in the send ledger (docs/api.md, "Admission
 * rules"): FNV-1a over the UTF-16 chars, then a final mix so that texts differing only at the end spread over all
 * bits. Two different texts share a hash with a chance of about 2^-64 per pair: negligible next to the limits it
 * serves. Not a defence against a sender who crafts collisions; it only ever refuses, never lets more through.
 */
public final class ContentHash {
    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private ContentHash() {
    }

    public static long of(CharSequence text) {
        long h = OFFSET;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            h = (h ^ (c & 0xff)) * PRIME;
            h = (h ^ (c >>> 8)) * PRIME;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }
}
