package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.persistence.BatchWriter;
import org.cmppgw.gateway.persistence.Write;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the processors of the lanes with several write types share: a batch is sorted by write type, each list in queue
 * order, and then applied phase by phase at one instant of the store's clock (the time stamps of parking, outbox rows
 * and claims).
 *
 * @param <W> the lane's writes
 * @param <B> the lane's batch: one list per write type
 */
abstract class LaneProcessor<W extends Write<?> & LaneWrite<B>, B> implements BatchWriter.Processor<W> {
    private final Clock clock;
    private final Supplier<B> batches;

    LaneProcessor(Clock clock, Supplier<B> batches) {
        this.clock = clock;
        this.batches = batches;
    }

    @Override
    public final void process(Connection connection, List<W> writes) throws SQLException {
        long nowMillis = clock.millis();
        B batch = batches.get();
        for (W write : writes) {
            write.addTo(batch);
        }
        apply(connection, batch, nowMillis);
    }

    /** Applies the sorted batch, inside the writer's transaction. */
    abstract void apply(Connection connection, B batch, long nowMillis) throws SQLException;
}
