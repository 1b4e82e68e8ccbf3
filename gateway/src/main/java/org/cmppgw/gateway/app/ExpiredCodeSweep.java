package org.cmppgw.gateway.app;

import org.cmppgw.gateway.codes.CodeStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/**
 * Deletes verification codes {@code codes.keepExpired} after their expiry, every {@code codes.sweepInterval}
 * (docs/api.md "Verification codes"). Kept that long so a late check is still answered 50011 (expired) rather than
 * 50026 (unknown msg_id). Any node may run it: a DELETE by expiry is idempotent.
 */
final class ExpiredCodeSweep implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExpiredCodeSweep.class);

    private final CodeStore store;
    private final Clock clock;
    private final Duration keepExpired;
    private BackgroundTask sweeps;

    ExpiredCodeSweep(CodeStore store, Clock clock, Duration keepExpired) {
        this.store = store;
        this.clock = clock;
        this.keepExpired = keepExpired;
    }

    static ExpiredCodeSweep start(CodeStore store, Clock clock, Duration keepExpired, Duration period) {
        ExpiredCodeSweep sweep = new ExpiredCodeSweep(store, clock, keepExpired);
        sweep.sweeps = BackgroundTask.every("expired-codes", period, period, sweep::sweep);
        return sweep;
    }

    /** One round; the number of codes deleted, or -1 when the store failed (logged). */
    int sweep() {
        try {
            int deleted = store.deleteExpired(clock.instant().minus(keepExpired));
            if (deleted > 0) {
                LOG.debug("codes - deleted {} expired verification codes", deleted);
            }
            return deleted;
        } catch (RuntimeException e) {
            LOG.warn("codes - deleting expired verification codes failed: {}", e.toString());
            return -1;
        }
    }

    @Override
    public void close() {
        if (sweeps != null) {
            sweeps.close();
        }
    }
}
