package org.cmppgw.benchmarks.loopback;

import org.cmppgw.cmpp.pdu.CmppDeliver;
import org.cmppgw.cmpp.pdu.CmppRequest;
import org.cmppgw.cmpp.pdu.CmppResponse;
import org.cmppgw.cmpp.pdu.CmppSubmit;
import org.cmppgw.cmpp.pdu.CmppSubmitResp;
import org.cmppgw.cmpp.pdu.MsgId;
import org.cmppgw.cmpp.pdu.StatusReport;
import org.cmppgw.cmpp.session.CmppResponseListener;
import org.cmppgw.cmpp.session.CmppSession;
import org.cmppgw.cmpp.session.CmppSessionConfig;
import org.cmppgw.cmpp.session.CmppSessionListener;
import org.cmppgw.cmpp.session.server.CmppAccount;
import org.cmppgw.cmpp.session.server.CmppAccountRegistry;
import org.cmppgw.cmpp.session.server.CmppServer;
import org.cmppgw.cmpp.session.server.CmppServerConfig;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * The ISMG half of the loopback benchmark: answers each SUBMIT with SUBMIT_RESP, then sends a DELIVER status report
 * for it through its own window (queued while that window is full) and expects DELIVER_RESP. Runs until killed.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.cmppgw.benchmarks.loopback.LoopbackServer
 *     --port 7890 --threads 1</pre>
 */
public final class LoopbackServer {
    static final String ACCOUNT = "901234";
    static final String SECRET = "secret";

    private LoopbackServer() {
    }

    public static void main(String[] argv) throws InterruptedException {
        Args args = new Args(argv, Map.of("port", "7890", "threads", "1", "window", "16", "host", "127.0.0.1"));
        LongAdder submits = new LongAdder();
        List<ReportingListener> listeners = new CopyOnWriteArrayList<>();
        CmppServerConfig config = CmppServerConfig.builder().host(args.string("host")).port(args.integer("port"))
            .ioThreads(args.integer("threads"))
            .sessionConfig(CmppSessionConfig.builder().windowSize(args.integer("window")).build()).build();
        CmppServer server = CmppServer.bind(config, CmppAccountRegistry.of(CmppAccount.of(ACCOUNT, SECRET, 1024)),
            session -> {
                ReportingListener listener = new ReportingListener(submits, session);
                listeners.add(listener);
                return listener;
            });
        System.out.println("loopback server on port " + server.port() + " " + args);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        long last = 0;
        long lastFlushes = 0;
        long lastCpu = LoopbackClient.cpuNanos();
        while (true) {
            Thread.sleep(5_000);
            long now = submits.sum();
            long flushes = 0;
            for (ReportingListener listener : listeners) {
                flushes += listener.session.flushes();
            }
            long cpu = LoopbackClient.cpuNanos();
            if (now != last) {
                System.out.println("server: " + (now - last) / 5 + " submit/s, "
                    + Math.round(1000.0 * (flushes - lastFlushes) / (now - last)) / 1000.0 + " flushes/submit, "
                    + Math.round((cpu - lastCpu) / 10.0 / (now - last)) / 100.0 + " cpu-us/submit");
            }
            last = now;
            lastFlushes = flushes;
            lastCpu = cpu;
        }
    }

    /**
     * One per session, confined to its event loop. Pending reports are a ring of Msg_Ids (no boxing); the DELIVER
     * factory reads the head of the ring, so sending a report allocates only the PDU.
     */
    static final class ReportingListener implements CmppSessionListener, CmppResponseListener {
        private final LongAdder submits;
        private final CmppSession session;
        private final IntFunction<CmppDeliver> reportFactory = this::report;
        private long[] ring = new long[64];
        private int head;
        private int size;
        private long nextMsgId = 1;

        ReportingListener(LongAdder submits, CmppSession session) {
            this.submits = submits;
            this.session = session;
        }

        @Override
        public void requestReceived(CmppSession session, CmppRequest request) {
            if (!(request instanceof CmppSubmit)) {
                return;
            }
            submits.increment();
            long msgId = nextMsgId++;
            session.respond(new CmppSubmitResp(request.sequenceId(), new MsgId(msgId), CmppSubmitResp.RESULT_OK));
            push(msgId);
            drain(session);
        }

        @Override
        public void windowAvailable(CmppSession session) {
            drain(session);
        }

        @Override
        public void sessionClosed(CmppSession session, Throwable causeOrNull) {
            size = 0;
        }

        @Override
        public void onResponse(CmppRequest request, CmppResponse response) {
            // DELIVER_RESP: nothing to do.
        }

        @Override
        public void onFailure(CmppRequest request, Throwable cause) {
            // The client went away; its reports are moot.
        }

        private void drain(CmppSession session) {
            while (size > 0 && session.trySend(reportFactory, this)) {
                head = (head + 1) & (ring.length - 1);
                size--;
            }
        }

        private CmppDeliver report(int sequenceId) {
            long msgId = ring[head];
            StatusReport report = new StatusReport(new MsgId(msgId), StatusReport.DELIVERED, "2611222250",
                "2611222251", "13800138000", sequenceId & 0xFFFFFFFFL);
            return CmppDeliver.report(sequenceId, new MsgId(msgId), "106900001", "TEST", report);
        }

        private void push(long msgId) {
            if (size == ring.length) {
                long[] bigger = new long[ring.length * 2];
                for (int i = 0; i < size; i++) {
                    bigger[i] = ring[(head + i) & (ring.length - 1)];
                }
                ring = bigger;
                head = 0;
            }
            ring[(head + size) & (ring.length - 1)] = msgId;
            size++;
        }
    }
}
