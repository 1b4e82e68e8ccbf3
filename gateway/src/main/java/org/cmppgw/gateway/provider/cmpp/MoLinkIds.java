package org.cmppgw.gateway.provider.cmpp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The LinkIDs of a provider's recent MO messages (CMPP 3.0, docs/cmpp-protocol.md §7.1 field 24, §7.3 field 12): an MO
 * that arrives with a LinkID is remembered under the app it reached and the handset it came from, and a SUBMIT of
 * that app to that handset within {@code providers[].submit.linkIdReplyWindow} carries it, as the carrier expects of
 * the reply to an on-demand (点播) MO. Every reply in the window carries it, not just the first.
 *
 * <p>In memory only, so lost on a restart; bounded: beyond {@link #MAX_ENTRIES} the oldest MO is forgotten first. MO
 * (session event loops) and SUBMITs (session event loops) reach it from several threads; each call holds the lock
 * for one map operation.
 */
final class MoLinkIds {
    /** Handsets remembered per provider; at ~150 bytes each about 7 MB when full. */
    static final int MAX_ENTRIES = 50_000;

    private final long windowNanos;
    private final LongSupplier nanoClock;
    private final Map<Key, Link> links;

    /**
     * @param windowNanos how long a LinkID is copied; 0 = never (nothing is remembered)
     * @param maxEntries  the bound, {@link #MAX_ENTRIES} outside tests
     */
    MoLinkIds(long windowNanos, LongSupplier nanoClock, int maxEntries) {
        if (windowNanos < 0 || maxEntries < 1) {
            throw new IllegalArgumentException("windowNanos: " + windowNanos + ", maxEntries: " + maxEntries
                + " (expected: >= 0 and >= 1)");
        }
        this.windowNanos = windowNanos;
        this.nanoClock = nanoClock;
        this.links = new LinkedHashMap<>(64, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Link> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** Whether LinkIDs are copied at all. */
    boolean enabled() {
        return windowNanos > 0;
    }

    /** An MO from {@code mobile} reached {@code appKey} with {@code linkId}; an empty LinkID is not remembered. */
    void remember(String appKey, String mobile, String linkId) {
        if (!enabled() || linkId.isEmpty() || appKey == null) {
            return;
        }
        Key key = new Key(appKey, mobile);
        Link link = new Link(linkId, nanoClock.getAsLong());
        synchronized (links) {
            // removed first, so that the handset's latest MO counts as the newest entry for eviction
            links.remove(key);
            links.put(key, link);
        }
    }

    /** The LinkID a SUBMIT of {@code appKey} to {@code mobile} carries now; empty when none is in its window. */
    String linkIdFor(String appKey, String mobile) {
        if (!enabled()) {
            return "";
        }
        Key key = new Key(appKey, mobile);
        long now = nanoClock.getAsLong();
        synchronized (links) {
            Link link = links.get(key);
            if (link == null) {
                return "";
            }
            if (now - link.atNanos > windowNanos) {
                links.remove(key);
                return "";
            }
            return link.linkId;
        }
    }

    /** Entries held now, expired ones included until they are looked up or evicted. */
    int size() {
        synchronized (links) {
            return links.size();
        }
    }

    private record Key(String appKey, String mobile) {
    }

    private record Link(String linkId, long atNanos) {
    }
}
