package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.callback.outbox.OutboxPhase;
import org.cmppgw.gateway.callback.outbox.ReportsHeldInFinals;
import org.cmppgw.gateway.persistence.sql.Dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The outbox lane's processor: applies one batch of {@link OutboxWrite}s inside the writer's transaction, the outcomes
 * of claimed callbacks first, then the pulls forward of a recovered endpoint's waiting rows, then the claims, so a
 * claim never returns a row this batch finished and may take the rows this batch made due; last, this node's mark
 * when it is due ({@link ReportsHeldInFinals}).
 */
final class OutboxLane extends LaneProcessor<OutboxWrite<?>, OutboxLane.Batch> {
    private final OutboxPhase outbox;

    /** One batch sorted by write type, each list in queue order. */
    static final class Batch {
        final List<OutboxPhase.Done> done = new ArrayList<>();
        final List<OutboxWrite.Claim> claims = new ArrayList<>();
        final List<OutboxWrite.ReclaimOwn> reclaims = new ArrayList<>();
        final List<OutboxWrite.PullForward> pulls = new ArrayList<>();
    }

    OutboxLane(Dialect dialect, int nodeId, Clock clock, ReportsHeldInFinals finals) {
        super(clock, Batch::new);
        this.outbox = new OutboxPhase(dialect, nodeId, finals);
    }

    @Override
    void apply(Connection connection, Batch b, long nowMillis) throws SQLException {
        outbox.begin();
        if (!b.done.isEmpty()) {
            outbox.finish(connection, b.done, nowMillis);
        }
        for (OutboxWrite.PullForward pull : b.pulls) {
            pull.resolve(outbox.pullForward(connection, pull.appKey, pull.url, pull.max, nowMillis));
        }
        for (OutboxWrite.ReclaimOwn reclaim : b.reclaims) {
            reclaim.resolve(outbox.reclaimOwn(connection, nowMillis));
        }
        for (OutboxWrite.Claim claim : b.claims) {
            claim.resolve(outbox.claim(connection, claim.max, claim.leaseMillis, nowMillis));
        }
        outbox.markIfDue(connection, nowMillis);
    }

    @Override
    public void committed() {
        outbox.committed();
    }
}
