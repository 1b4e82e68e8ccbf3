package org.cmppgw.benchmarks.loopback;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.pdu.CmppDeliver;
import org.cmppgw.cmpp.pdu.CmppDeliverResp;
import org.cmppgw.cmpp.pdu.CmppRequest;
import org.cmppgw.cmpp.pdu.CmppResponse;
import org.cmppgw.cmpp.pdu.CmppSubmit;
import org.cmppgw.cmpp.pdu.CmppSubmitResp;
import org.cmppgw.cmpp.pdu.MsgContent;
import org.cmppgw.cmpp.pdu.MsgFmt;
import org.cmppgw.cmpp.pdu.MsgId;
import org.cmppgw.cmpp.session.CmppResponseListener;
import org.cmppgw.cmpp.session.CmppSession;
import org.cmppgw.cmpp.session.CmppSessionConfig;
import org.cmppgw.cmpp.session.CmppSessionListener;
import org.cmppgw.cmpp.session.client.CmppClient;
import org.cmppgw.cmpp.session.client.CmppClientConfig;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The SP half of the loopback benchmark: N connections, each pushing SUBMITs as fast as its window allows (refilled
 * on {@code windowAvailable}), answering every DELIVER with DELIVER_RESP. A message is done when its status report
 * arrived. Prints msg/s over the measured period, after a warm-up.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.cmppgw.benchmarks.loopback.LoopbackClient --connections 4
 *     --threads 2 --warmup 10 --duration 20</pre>
 */
public final class LoopbackClient {
    private static final List<String> DESTINATION = List.of("13800138000");
    private static final MsgContent CONTENT = MsgContent.of("loopback benchmark message, 40 characters"
        .getBytes(StandardCharsets.UTF_16BE), 0, 80);

    private LoopbackClient() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv, Map.of("host", "127.0.0.1", "port", "7890", "connections", "4", "threads", "2",
            "window", "16", "warmup", "10", "duration", "20", "version", "3.0"));
        LongAdder done = new LongAdder();
        LongAdder failed = new LongAdder();
        EventLoopGroup group = new NioEventLoopGroup(args.integer("threads"));
        CmppClientConfig config = CmppClientConfig.builder(args.string("host"), args.integer("port"),
                LoopbackServer.ACCOUNT, LoopbackServer.SECRET)
            .version(CmppVersion.parse(args.string("version")))
            .sessionConfig(CmppSessionConfig.builder().windowSize(args.integer("window")).build()).build();
        List<Pusher> pushers = new ArrayList<>();
        for (int i = 0; i < args.integer("connections"); i++) {
            Pusher pusher = new Pusher(done, failed);
            pushers.add(pusher);
            CmppClient.connect(group, config, pusher).sync();
        }
        System.out.println("loopback client " + args);
        report("warm-up", done, args.integer("warmup"));
        long flushesBefore = flushes(pushers);
        long doneBefore = done.sum();
        long cpuBefore = cpuNanos();
        long measured = report("measured", done, args.integer("duration"));
        long messages = done.sum() - doneBefore;
        double flushesPerMessage = (double) (flushes(pushers) - flushesBefore) / messages;
        double cpuMicrosPerMessage = (cpuNanos() - cpuBefore) / 1000.0 / messages;
        System.out.println("RESULT connections=" + args.integer("connections") + " threads="
            + args.integer("threads") + " msg/s=" + measured + " failed=" + failed.sum()
            + " client-flushes/msg=" + Math.round(flushesPerMessage * 1000) / 1000.0
            + " client-cpu-us/msg=" + Math.round(cpuMicrosPerMessage * 100) / 100.0);
        for (Pusher pusher : pushers) {
            pusher.stop();
        }
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();
    }

    /** CPU time of this whole JVM (all threads, GC and JIT included). */
    static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    /** Racy reads of per-session counters: good enough for a benchmark summary. */
    private static long flushes(List<Pusher> pushers) {
        long sum = 0;
        for (Pusher pusher : pushers) {
            CmppSession session = pusher.session;
            sum += session == null ? 0 : session.flushes();
        }
        return sum;
    }

    /** Prints progress each second for {@code seconds}; returns the average msg/s over the period. */
    private static long report(String phase, LongAdder done, int seconds) throws InterruptedException {
        long start = System.nanoTime();
        long startCount = done.sum();
        long last = startCount;
        for (int i = 1; i <= seconds; i++) {
            Thread.sleep(Math.max(0, start + TimeUnit.SECONDS.toNanos(i) - System.nanoTime()) / 1_000_000);
            long now = done.sum();
            System.out.println(phase + " " + i + "s: " + (now - last) + " msg/s");
            last = now;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return Math.round((done.sum() - startCount) / elapsed);
    }

    /** One per connection, confined to its event loop; the SUBMIT factory and listeners are allocated once. */
    private static final class Pusher implements CmppSessionListener, CmppResponseListener {
        private final LongAdder done;
        private final LongAdder failed;
        private volatile boolean running = true;
        private volatile CmppSession session;

        Pusher(LongAdder done, LongAdder failed) {
            this.done = done;
            this.failed = failed;
        }

        @Override
        public void sessionActive(CmppSession active) {
            session = active;
            pump(active);
        }

        @Override
        public void windowAvailable(CmppSession active) {
            pump(active);
        }

        private void pump(CmppSession active) {
            while (running && active.trySend(Pusher::submit, this)) {
                // fill the window
            }
        }

        @Override
        public void requestReceived(CmppSession active, CmppRequest request) {
            if (request instanceof CmppDeliver deliver) {
                active.respond(new CmppDeliverResp(deliver.sequenceId(), deliver.msgId(), 0));
                if (deliver.isReport()) {
                    done.increment();
                }
            }
        }

        @Override
        public void onResponse(CmppRequest request, CmppResponse response) {
            if (!(response instanceof CmppSubmitResp resp) || !resp.isOk()) {
                failed.increment();
            }
        }

        @Override
        public void onFailure(CmppRequest request, Throwable cause) {
            failed.increment();
        }

        void stop() throws InterruptedException {
            running = false;
            CmppSession current = session;
            if (current != null) {
                current.terminate().await(10, TimeUnit.SECONDS);
            }
        }

        private static CmppSubmit submit(int sequenceId) {
            return new CmppSubmit(sequenceId, MsgId.ZERO, 1, 1, 1, 0, "TEST", 2, "", 0, 0, 0, MsgFmt.UCS2.code(),
                LoopbackServer.ACCOUNT, "01", "000000", "", "", "106900001", DESTINATION, 0, CONTENT, "");
        }
    }
}
