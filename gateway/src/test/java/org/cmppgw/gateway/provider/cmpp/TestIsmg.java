package org.cmppgw.gateway.provider.cmpp;

import org.cmppgw.cmpp.pdu.CmppDeliver;
import org.cmppgw.cmpp.pdu.CmppDeliverResp;
import org.cmppgw.cmpp.pdu.CmppRequest;
import org.cmppgw.cmpp.pdu.CmppResponse;
import org.cmppgw.cmpp.pdu.CmppSubmit;
import org.cmppgw.cmpp.pdu.CmppSubmitResp;
import org.cmppgw.cmpp.pdu.MsgId;
import org.cmppgw.cmpp.pdu.StatusReport;
import org.cmppgw.cmpp.session.CmppResponseListener;
import org.cmppgw.cmpp.session.CmppSession;
import org.cmppgw.cmpp.session.CmppSessionListener;
import org.cmppgw.cmpp.session.server.CmppAccount;
import org.cmppgw.cmpp.session.server.CmppServer;
import org.cmppgw.cmpp.session.server.CmppServerConfig;
import org.cmppgw.cmpp.sms.SubmitPart;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

/**
 * A scriptable ISMG for tests, on protocol-cmpp's {@link CmppServer} (127.0.0.1, port 0): answers SUBMITs with a
 * Result chosen per submit, sends status reports (after the SUBMIT_RESP, before it, or on another connection of the
 * account), can stay silent, can drop a connection once its window is full, sends MO, and records what it saw.
 */
public final class TestIsmg implements AutoCloseable {
    public static final String SECRET = "s3cret";

    /** When and where status reports go. */
    public enum Reports {
        NONE,
        AFTER_RESPONSE,
        /**
         * The report first, and the SUBMIT_RESP only once the gateway has answered the report's DELIVER: the gateway
         * answers after the report is stored, so the report is always stored before its submit outcome (parked).
         */
        BEFORE_RESPONSE,
        OTHER_CONNECTION
    }

    private final CmppServer server;
    private final AtomicLong msgIds = new AtomicLong(0x10_0000L);
    private final AtomicLong deliverIds = new AtomicLong(0x90_0000L);
    private final AtomicInteger submits = new AtomicInteger();
    private final Queue<Long> submitNanos = new ConcurrentLinkedQueue<>();
    private final List<CmppSubmit> received = Collections.synchronizedList(new ArrayList<>());
    /** The connection (numbered in login order) of each of {@link #received}; guarded by {@code received}. */
    private final List<Integer> receivedOn = new ArrayList<>();
    private final AtomicInteger connectionNumbers = new AtomicInteger();
    private final Queue<Long> deliverResults = new ConcurrentLinkedQueue<>();
    private final List<Peer> peers = new CopyOnWriteArrayList<>();
    /** Connections still to be dropped; the current victim is the one connection answering nothing. */
    private final AtomicInteger drops = new AtomicInteger();
    private final AtomicBoolean victimChosen = new AtomicBoolean();
    private volatile int dropAt;
    private volatile IntUnaryOperator result = n -> 0;
    private volatile boolean answer = true;
    private volatile long answerDelayMillis;
    private volatile Reports reports = Reports.AFTER_RESPONSE;
    private volatile Function<CmppSubmit, String> stat = s -> StatusReport.DELIVERED;
    private volatile Function<CmppSubmit, String> reportedMobile = s -> s.destTerminalIds().get(0);

    private TestIsmg(String account, int maxConnections) {
        this.server = CmppServer.bind(CmppServerConfig.builder().host("127.0.0.1").port(0).ioThreads(1).build(),
            sourceAddr -> sourceAddr.equals(account) ? Optional.of(CmppAccount.of(account, SECRET, maxConnections))
                : Optional.empty(),
            session -> {
                Peer peer = new Peer(session);
                peers.add(peer);
                return peer;
            });
    }

    public static TestIsmg start(String account, int maxConnections) {
        return new TestIsmg(account, maxConnections);
    }

    public int port() {
        return server.port();
    }

    /** SUBMIT_RESP Result for the n-th SUBMIT this ISMG receives (1-based, all connections). */
    public TestIsmg results(IntUnaryOperator value) {
        result = value;
        return this;
    }

    /** Whether SUBMITs are answered at all. */
    public TestIsmg answer(boolean value) {
        answer = value;
        return this;
    }

    /** Answers (and reports) each SUBMIT this much later. */
    public TestIsmg answerDelay(Duration value) {
        answerDelayMillis = value.toMillis();
        return this;
    }

    public TestIsmg reports(Reports value) {
        reports = value;
        return this;
    }

    public TestIsmg stat(Function<CmppSubmit, String> value) {
        stat = value;
        return this;
    }

    /** The next connection to receive a SUBMIT answers nothing and is closed once it holds {@code inFlight}. */
    /** The Dest_terminal_Id each report names (default: the SUBMIT's destination). */
    public TestIsmg reportedMobile(Function<CmppSubmit, String> value) {
        this.reportedMobile = value;
        return this;
    }

    public TestIsmg dropOnceWhenWindowFull(int inFlight) {
        return dropWhenWindowFull(inFlight, 1);
    }

    /** As {@link #dropOnceWhenWindowFull}, for the next {@code times} connections, one after the other. */
    public TestIsmg dropWhenWindowFull(int inFlight, int times) {
        dropAt = inFlight;
        drops.set(times);
        return this;
    }

    public int submits() {
        return submits.get();
    }

    public List<CmppSubmit> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The connection each SUBMIT of {@link #received()} came in on, in the same order (numbered in login order). */
    public List<Integer> receivedConnections() {
        synchronized (received) {
            return List.copyOf(receivedOn);
        }
    }

    public List<Long> submitNanos() {
        return List.copyOf(submitNanos);
    }

    public List<Long> deliverResults() {
        return List.copyOf(deliverResults);
    }

    public int connections() {
        return peers.size();
    }

    /** Sends an MO part from {@code mobile} to {@code destId} on the first connection. */
    public void sendMo(String mobile, String destId, SubmitPart part) {
        sendMo(mobile, destId, part, "");
    }

    /** Sends an MO part with a 3.0 LinkID ({@code ""} for none) from {@code mobile} to {@code destId}. */
    public void sendMo(String mobile, String destId, SubmitPart part, String linkId) {
        Peer peer = peers.get(0);
        long id = deliverIds.incrementAndGet();
        peer.deliver(seq -> new CmppDeliver(seq, new MsgId(id), destId, "SVC01", 0, part.tpUdhi(),
            part.msgFmt().code(), mobile, 0, part.content(), linkId));
    }

    @Override
    public void close() {
        server.close();
    }

    private void onSubmit(Peer peer, CmppSubmit submit) {
        int n = submits.incrementAndGet();
        submitNanos.add(System.nanoTime());
        synchronized (received) {
            received.add(submit);
            receivedOn.add(peer.number);
        }
        if (peer.victim || drops.get() > 0 && victimChosen.compareAndSet(false, true)) {
            peer.victim = true;
            if (++peer.unanswered >= dropAt) {
                drops.decrementAndGet();
                peer.session.channel().close().addListener(f -> victimChosen.set(false));
            }
            return;
        }
        if (!answer) {
            return;
        }
        if (answerDelayMillis > 0) {
            peer.session.channel().eventLoop().schedule(() -> answer(peer, submit, n), answerDelayMillis,
                TimeUnit.MILLISECONDS);
        } else {
            answer(peer, submit, n);
        }
    }

    private void answer(Peer peer, CmppSubmit submit, int n) {
        int code = result.applyAsInt(n);
        MsgId msgId = new MsgId(msgIds.incrementAndGet());
        CmppSubmitResp resp = new CmppSubmitResp(submit.sequenceId(), msgId, code);
        if (code != 0 || reports == Reports.NONE) {
            peer.session.respond(resp);
            return;
        }
        IntFunction<CmppDeliver> report = reportFor(submit, msgId);
        switch (reports) {
            case BEFORE_RESPONSE -> peer.deliver(report, () -> peer.session.respond(resp));
            case OTHER_CONNECTION -> {
                peer.session.respond(resp);
                Peer other = peers.stream().filter(p -> p != peer).findFirst().orElse(peer);
                other.deliver(report);
            }
            default -> {
                peer.session.respond(resp);
                peer.deliver(report);
            }
        }
    }

    private IntFunction<CmppDeliver> reportFor(CmppSubmit submit, MsgId msgId) {
        String dest = reportedMobile.apply(submit);
        StatusReport report = new StatusReport(msgId, stat.apply(submit), "2601050800", "2601050801", dest, 7);
        long id = deliverIds.incrementAndGet();
        return seq -> CmppDeliver.report(seq, new MsgId(id), submit.srcId(), submit.serviceId(), report);
    }

    /** One server-side session. */
    private final class Peer implements CmppSessionListener, CmppResponseListener {
        final CmppSession session;
        /** Event-loop confined. */
        final ArrayDeque<Outgoing> waiting = new ArrayDeque<>();
        final int number = connectionNumbers.getAndIncrement();
        boolean victim;
        int unanswered;

        Peer(CmppSession session) {
            this.session = session;
        }

        void deliver(IntFunction<CmppDeliver> deliver) {
            send(new Outgoing(deliver, this));
        }

        /** Sends {@code deliver} when the window allows; {@code answered} runs on the event loop after its response. */
        void deliver(IntFunction<CmppDeliver> deliver, Runnable answered) {
            send(new Outgoing(deliver, new CmppResponseListener() {
                @Override
                public void onResponse(CmppRequest request, CmppResponse response) {
                    Peer.this.onResponse(request, response);
                    answered.run();
                }

                @Override
                public void onFailure(CmppRequest request, Throwable cause) {
                    Peer.this.onFailure(request, cause);
                }
            }));
        }

        private void send(Outgoing outgoing) {
            if (!session.channel().eventLoop().inEventLoop()) {
                session.channel().eventLoop().execute(() -> send(outgoing));
                return;
            }
            waiting.add(outgoing);
            flush();
        }

        private void flush() {
            while (!waiting.isEmpty() && session.trySend(waiting.peek().pdu, waiting.peek().listener)) {
                waiting.poll();
            }
        }

        @Override
        public void requestReceived(CmppSession from, CmppRequest request) {
            if (request instanceof CmppSubmit submit) {
                onSubmit(this, submit);
            }
        }

        @Override
        public void windowAvailable(CmppSession from) {
            flush();
        }

        @Override
        public void sessionClosed(CmppSession from, Throwable causeOrNull) {
            peers.remove(this);
        }

        @Override
        public void onResponse(CmppRequest request, CmppResponse response) {
            deliverResults.add(((CmppDeliverResp) response).result());
        }

        @Override
        public void onFailure(CmppRequest request, Throwable cause) {
            deliverResults.add(-1L);
        }
    }

    /** A DELIVER waiting for room in the window, and who hears its response. */
    private record Outgoing(IntFunction<CmppDeliver> pdu, CmppResponseListener listener) {
    }
}
