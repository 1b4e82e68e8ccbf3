package org.cmppgw.simulator.ismg;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * The one periodic task of a running ISMG (every {@value #PERIOD_MILLIS} ms on one event loop): hands due status
 * reports to their connections, at most as many as each has room for ({@link ReportDispatcher#dispatchDue}), and
 * emits the MO messages that have fallen due ({@link MoGenerator#poll}). No timer per report: a report costs a heap
 * insert when its SUBMIT is decided and a heap poll here (docs/cmpp-protocol.md §10.2).
 *
 * <p>Runs on one thread only (Netty runs a periodic task on the loop it was scheduled on), which is what the
 * {@link MoGenerator} requires.
 */
final class IsmgTicker implements Runnable {
    static final long PERIOD_MILLIS = 5;
    /** Reports handed out per tick at most: 3.2 million a second, far above what the sockets carry. */
    static final int MAX_REPORTS_PER_TICK = 16_384;
    private static final Logger LOG = LoggerFactory.getLogger(IsmgTicker.class);
    private static final int LOG_EVERY = 1000;

    private final IsmgCore<IsmgConnection> core;
    private final MoGenerator mo;
    private final String moAccount;
    private final ToIntFunction<IsmgConnection> room = IsmgConnection::room;
    private final BiConsumer<IsmgConnection, List<PendingReport>> handOff = IsmgConnection::handOff;
    private final Consumer<SimulatedMo> moSink = this::sendMo;
    private long failures;

    IsmgTicker(IsmgCore<IsmgConnection> core) {
        this.core = core;
        this.mo = core.mo().orElse(null);
        this.moAccount = mo == null ? null : mo.account().name();
    }

    @Override
    public void run() {
        try {
            core.dispatcher().dispatchDue(MAX_REPORTS_PER_TICK, room, handOff);
            // MO only while someone listens: a generator polled with nobody connected would just drop messages.
            if (mo != null && core.connections().count(moAccount) > 0) {
                mo.poll(moSink);
            }
        } catch (RuntimeException e) {
            // An exception would cancel the periodic task and silence the ISMG for good: log (rarely) and go on.
            if (failures++ % LOG_EVERY == 0) {
                LOG.warn("ismg - tick failed ({} so far)", failures, e);
            }
        }
    }

    private void sendMo(SimulatedMo message) {
        IsmgConnection connection = core.connections().pick(moAccount, AccountConnections.NO_CONNECTION, false);
        if (connection != null) {
            connection.handOff(message);
        }
    }
}
