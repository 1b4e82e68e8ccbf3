package org.cmppgw.simulator.ismg;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DuplexChannel;
import org.cmppgw.cmpp.pdu.CmppCancel;
import org.cmppgw.cmpp.pdu.CmppCancelResp;
import org.cmppgw.cmpp.pdu.CmppDeliver;
import org.cmppgw.cmpp.pdu.CmppDeliverResp;
import org.cmppgw.cmpp.pdu.CmppQuery;
import org.cmppgw.cmpp.pdu.CmppQueryResp;
import org.cmppgw.cmpp.pdu.CmppRequest;
import org.cmppgw.cmpp.pdu.CmppSubmit;
import org.cmppgw.cmpp.pdu.CmppSubmitResp;
import org.cmppgw.cmpp.session.CmppSession;
import org.cmppgw.cmpp.session.CmppSessionListener;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One logged-in SP connection of the fake ISMG: the {@link IsmgCore} recipe played on a {@link CmppSession}. A
 * SUBMIT is decided, answered (or, with faults on, answered late, never, after garbage, or before closing) and its
 * reports scheduled (docs/cmpp-protocol.md §7.1, §7.2, §11.2); QUERY gets the account's counters (§7.7), CANCEL gets
 * Success_Id 1 (§7.8: not supported, as at most carriers). Reports and MO handed over by the {@link IsmgTicker} wait
 * in a small backlog until the session's window has room ({@link CmppSessionListener#windowAvailable}).
 *
 * <p>Confined to the session's event loop, except {@link #room()} and {@link #handOff}, which the ticker calls from
 * its own loop and which only touch an atomic counter and hop.
 */
final class IsmgConnection implements CmppSessionListener {
    /** Reports and MO parts handed to one connection and not yet written, at most; beyond, they wait in the queue. */
    static final int MAX_QUEUED = 1024;
    /** §11.3 / §11.2: "command word error", for a DELIVER an SP has no business sending. */
    private static final int RESULT_COMMAND_ERROR = 2;
    /** §7.8: Success_Id 1, failure. */
    private static final int CANCEL_FAILED = 1;
    private static final long UINT32_MAX = 0xFFFFFFFFL;
    /** How long a dropped connection waits, half-closed, for the SP to close its side (see closeAfterWrites). */
    private static final long DROP_GRACE_MILLIS = 1000;

    private final IsmgCore<IsmgConnection> core;
    private final CmppSession session;
    private final EventLoop loop;
    private final ArrayDeque<Outbound> backlog = new ArrayDeque<>();
    /** Handed over and not yet written (backlog plus hand-offs still hopping): the ticker's view of the room. */
    private final AtomicInteger queued = new AtomicInteger();
    private IsmgAccount account;
    private ConnectionFaults faults;
    private long id = AccountConnections.NO_CONNECTION;
    private boolean closed;
    /** The "drop connection" fault fired: the connection closes once its writes are out, and takes nothing more. */
    private boolean dropping;

    IsmgConnection(IsmgCore<IsmgConnection> core, CmppSession session) {
        this.core = core;
        this.session = session;
        this.loop = session.channel().eventLoop();
    }

    @Override
    public void sessionActive(CmppSession active) {
        account = core.accounts().get(active.account());
        faults = core.newConnectionFaults();
        id = core.connections().register(account.name(), this);
        core.metrics().connectionOpened(account.name());
    }

    @Override
    public void requestReceived(CmppSession active, CmppRequest request) {
        if (request instanceof CmppSubmit submit) {
            onSubmit(submit);
        } else if (request instanceof CmppQuery query) {
            session.respond(queryResp(query, account.traffic().snapshot()));
        } else if (request instanceof CmppCancel cancel) {
            session.respond(new CmppCancelResp(cancel.sequenceId(), CANCEL_FAILED));
        } else if (request instanceof CmppDeliver deliver) {
            session.respond(new CmppDeliverResp(deliver.sequenceId(), deliver.msgId(), RESULT_COMMAND_ERROR));
        }
    }

    @Override
    public void windowAvailable(CmppSession active) {
        drain();
    }

    @Override
    public void sessionClosed(CmppSession active, Throwable causeOrNull) {
        closed = true;
        if (id != AccountConnections.NO_CONNECTION) {
            core.connections().unregister(account.name(), id);
            core.metrics().connectionClosed(account.name());
        }
        // DELIVERs in flight have been failed by the session already; the backlog never reached the wire.
        for (Outbound outbound = backlog.poll(); outbound != null; outbound = backlog.poll()) {
            queued.decrementAndGet();
            outbound.abandon();
        }
    }

    /** How many more reports the ticker may hand over now. Any thread. */
    int room() {
        return Math.max(0, MAX_QUEUED - queued.get());
    }

    /** Due reports for this connection, from the ticker; sent on this connection's loop. Any thread. */
    void handOff(List<PendingReport> reports) {
        queued.addAndGet(reports.size());
        hop(reports.size(), () -> {
            for (PendingReport report : reports) {
                enqueue(new Outbound.Report(report, core.dispatcher(), core.reportTimes(), account.traffic()));
            }
            drain();
        });
    }

    /** An MO message for this connection, all its parts in order. Any thread. */
    void handOff(SimulatedMo message) {
        queued.addAndGet(message.parts().size());
        hop(message.parts().size(), () -> {
            for (CmppDeliver part : message.parts()) {
                enqueue(new Outbound.Mo(part, account.name(), message.kind(), core.metrics(), account.traffic()));
            }
            drain();
        });
    }

    /** Runs {@code task}, which enqueues {@code count} DELIVERs, on this connection's loop. */
    private void hop(int count, Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            loop.execute(task);
        } catch (RejectedExecutionException shuttingDown) {
            // The server is closing: nothing will be sent any more, and the report queue dies with it.
            queued.addAndGet(-count);
        }
    }

    private void enqueue(Outbound outbound) {
        if (closed) {
            queued.decrementAndGet();
            outbound.abandon();
        } else {
            backlog.add(outbound);
        }
    }

    /** Sends from the backlog while the window has room. */
    private void drain() {
        Outbound next = backlog.peek();
        while (next != null && session.trySend(next, next)) {
            backlog.poll();
            queued.decrementAndGet();
            next = backlog.peek();
        }
    }

    /** The recipe of {@link IsmgCore}: faults, decision, garbage, early reports, answer, close. */
    private void onSubmit(CmppSubmit submit) {
        if (dropping) {
            // Read behind the SUBMIT that drops the connection: its bytes count as lost with it. Taking it (and
            // reporting it later on another connection) would hand the SP a report for a Msg_Id it never heard of.
            return;
        }
        SubmitFaults fault = faults.onSubmit();
        dropping = fault.closeAfterResponse();
        SubmitDecision decision = core.submitHandling().decide(account, session.version(), id, submit);
        if (fault.sendGarbage()) {
            Channel channel = session.channel();
            channel.writeAndFlush(Unpooled.wrappedBuffer(faults.garbage()), channel.voidPromise());
        }
        if (decision.reportsBeforeResponse()) {
            // Written ahead of the SUBMIT_RESP when the window has room (the §10.2 race); else right behind it.
            for (PendingReport report : decision.reports()) {
                queued.incrementAndGet();
                enqueue(new Outbound.Report(core.dispatcher().handOut(report), core.dispatcher(), core.reportTimes(),
                    account.traffic()));
            }
            drain();
        } else if (!decision.reports().isEmpty()) {
            core.dispatcher().schedule(decision.reports());
        }
        if (fault.withholdResponse()) {
            if (fault.closeAfterResponse()) {
                closeAfterWrites();
            }
        } else if (fault.responseDelayMillis() > 0) {
            // Only with the delay fault on: one timer per delayed SUBMIT is fine there.
            loop.schedule(() -> answer(decision.response(), fault.closeAfterResponse()), fault.responseDelayMillis(),
                TimeUnit.MILLISECONDS);
        } else {
            answer(decision.response(), fault.closeAfterResponse());
        }
    }

    private void answer(CmppSubmitResp response, boolean thenClose) {
        session.respond(response);
        if (thenClose) {
            closeAfterWrites();
        }
    }

    /**
     * Ends the connection once what the session has written is on the wire ("drop connection" fault: no TERMINATE).
     * It half-closes first: closing with the SP's later SUBMITs still unread in the socket would reset the connection,
     * and a reset makes the SP's kernel throw away the answers it has not read yet, answers to SUBMITs taken here and
     * reported later. So the SP reads every answer, then the end of the stream, and closes its side; one that does not
     * is cut off after {@value #DROP_GRACE_MILLIS} ms.
     */
    private void closeAfterWrites() {
        Channel channel = session.channel();
        // The session flushes in a task already queued on this loop; this one runs after it.
        loop.execute(() -> channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> {
            if (written.isSuccess() && channel instanceof DuplexChannel duplex) {
                duplex.shutdownOutput();
                loop.schedule(() -> channel.close(), DROP_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            } else {
                channel.close();
            }
        }));
    }

    /**
     * §7.7 from the account's counters since start (the simulator keeps no per-day or per-service history, so every
     * Time and Query_Type gets the totals): MT_WT and MO_WT are 0, nothing waits inside a simulator.
     */
    private static CmppQueryResp queryResp(CmppQuery query, AccountTraffic.Snapshot t) {
        return new CmppQueryResp(query.sequenceId(), query.time(), query.queryType(), query.queryCode(),
            uint32(t.submits()), uint32(t.destinations()), uint32(t.accepted()), 0, uint32(t.rejected()),
            uint32(t.moAcknowledged()), 0, uint32(t.moFailed()));
    }

    private static long uint32(long value) {
        return Math.min(value, UINT32_MAX);
    }
}
