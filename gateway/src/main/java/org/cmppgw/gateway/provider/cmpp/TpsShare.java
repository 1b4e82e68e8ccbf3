package org.cmppgw.gateway.provider.cmpp;

import io.github.resilience4j.ratelimiter.RateLimiter;

/**
 * A provider's TPS limit on this node: the configured {@code tps} while this node holds all of the provider's
 * connection slots (one node: exactly as configured), else {@code tps × held / connections}, at least 1
 * (docs/operations.md "Several nodes on one database"). Its sessions ask it without waiting; the limiter is replaced,
 * not changed, when the share changes, so a session never sees a half-updated one.
 */
final class TpsShare {
    private final String provider;
    private final int tps;
    private final int connections;
    private volatile Limit limit;

    private record Limit(int tps, RateLimiter limiter, long retryNanos) {
    }

    TpsShare(String provider, int tps, int connections) {
        this.provider = provider;
        this.tps = tps;
        this.connections = connections;
        this.limit = limit(tps);
    }

    /** The limiter's answer: 0 a permit now, > 0 a permit reserved that many nanos ahead, −1 none yet. */
    long reservePermission() {
        return limit.limiter().reservePermission();
    }

    /** How long to wait after the limiter had no permit even for later. */
    long retryNanos() {
        return limit.retryNanos();
    }

    /** This node's TPS now. */
    int tps() {
        return limit.tps();
    }

    /** This node holds {@code held} of the provider's slots from now on. */
    void share(int held) {
        int shared = held >= connections ? tps : Math.max(1, (int) ((long) tps * held / connections));
        if (shared != limit.tps()) {
            limit = limit(shared);
        }
    }

    private Limit limit(int perSecond) {
        RateLimiter limiter = Resilience.rateLimiter(provider, perSecond);
        return new Limit(perSecond, limiter, Resilience.refreshNanos(limiter));
    }
}
