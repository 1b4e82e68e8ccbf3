package org.cmppgw.simulator.ismg;

import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.pdu.CmppDeliver;
import org.cmppgw.cmpp.pdu.CmppDeliverResp;
import org.cmppgw.cmpp.pdu.CmppRequest;
import org.cmppgw.cmpp.pdu.CmppResponse;
import org.cmppgw.cmpp.pdu.CmppSubmit;
import org.cmppgw.cmpp.pdu.CmppSubmitResp;
import org.cmppgw.cmpp.pdu.MsgContent;
import org.cmppgw.cmpp.pdu.MsgId;
import org.cmppgw.cmpp.session.CmppSession;
import org.cmppgw.cmpp.session.CmppSessionConfig;
import org.cmppgw.cmpp.session.CmppSessionListener;
import org.cmppgw.cmpp.session.client.CmppClient;
import org.cmppgw.cmpp.session.client.CmppClientConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The SP side of the socket tests: a protocol-cmpp {@link CmppClient} connection that records every DELIVER and the
 * order in which DELIVERs and responses arrived, and answers DELIVERs with Result 0 unless told to leave some
 * unanswered. Methods may be called from the test thread; they hop to the connection's event loop.
 */
final class SpClient implements CmppSessionListener, AutoCloseable {
    static final long WAIT_SECONDS = 10;
    static final String ACCOUNT = IsmgAccountConfig.DEMO_SOURCE_ADDR;
    static final String SECRET = IsmgAccountConfig.DEMO_SECRET;

    private final BlockingQueue<CmppDeliver> delivers = new LinkedBlockingQueue<>();
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger leaveUnanswered = new AtomicInteger();
    private final CompletableFuture<Throwable> closed = new CompletableFuture<>();
    private volatile CmppSession session;

    private SpClient() {
    }

    static CmppClientConfig.Builder config(int port) {
        return CmppClientConfig.builder("127.0.0.1", port, ACCOUNT, SECRET);
    }

    /** Logs in as the demo account with {@code version}. */
    static SpClient connect(EventLoopGroup group, int port, CmppVersion version) throws Exception {
        return connect(group, config(port).version(version).build());
    }

    /** Logs in with {@code config}. */
    static SpClient connect(EventLoopGroup group, CmppClientConfig config) throws Exception {
        SpClient client = new SpClient();
        client.session = CmppClient.connect(group, config, client).get(WAIT_SECONDS, TimeUnit.SECONDS);
        return client;
    }

    /** One send, failed after 500 ms without an answer: a withheld or unanswered request fails quickly. */
    static CmppSessionConfig shortTimeouts() {
        return CmppSessionConfig.builder().responseTimeout(Duration.ofMillis(500)).maxSends(1).build();
    }

    /** A SUBMIT from the demo account asking for a report; the test sets what it needs. */
    static CmppSubmit.Builder submit(String... destinations) {
        return CmppSubmit.builder().serviceId("TEST").msgSrc(ACCOUNT).srcId("1069000001")
            .destTerminalIds(List.of(destinations)).msgContent(MsgContent.ofHex("4f60597d"));
    }

    CmppSession session() {
        return session;
    }

    /** Sends {@code request} with the next Sequence_Id; completes with the response or the failure. */
    CompletableFuture<CmppResponse> send(IntFunction<? extends CmppRequest> request) {
        CompletableFuture<CmppResponse> result = new CompletableFuture<>();
        session.channel().eventLoop().execute(() -> session.send(request).addListener(f -> {
            if (f.isSuccess()) {
                CmppResponse response = (CmppResponse) f.getNow();
                events.add("RESP " + response.commandId());
                result.complete(response);
            } else {
                result.completeExceptionally(f.cause());
            }
        }));
        return result;
    }

    CompletableFuture<CmppResponse> send(CmppSubmit submit) {
        return send(submit::withSequenceId);
    }

    /** Sends {@code submit} and waits for its SUBMIT_RESP. */
    CmppSubmitResp submitAndWait(CmppSubmit submit) throws Exception {
        return (CmppSubmitResp) send(submit).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** The next DELIVER, waiting up to {@value #WAIT_SECONDS} s. */
    CmppDeliver nextDeliver() throws InterruptedException {
        CmppDeliver deliver = delivers.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (deliver == null) {
            throw new AssertionError("no DELIVER within " + WAIT_SECONDS + " s (events: " + events + ")");
        }
        return deliver;
    }

    /** The next {@code count} DELIVERs. */
    List<CmppDeliver> nextDelivers(int count) throws InterruptedException {
        List<CmppDeliver> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(nextDeliver());
        }
        return out;
    }

    /** Skips DELIVERs until the report about {@code msgId} arrives, waiting up to {@value #WAIT_SECONDS} s. */
    CmppDeliver awaitReport(MsgId msgId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        for (long left = WAIT_SECONDS * 1_000_000_000L; left > 0; left = deadline - System.nanoTime()) {
            CmppDeliver deliver = delivers.poll(left, TimeUnit.NANOSECONDS);
            if (deliver != null && deliver.isReport() && deliver.report().msgId().equals(msgId)) {
                return deliver;
            }
        }
        throw new AssertionError("no report for " + msgId + " within " + WAIT_SECONDS + " s (events: " + events()
            + ")");
    }

    /** A DELIVER if one arrives within {@code millis}, else null. */
    CmppDeliver pollDeliver(long millis) throws InterruptedException {
        return delivers.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** The next {@code count} DELIVERs are received but not answered: the ISMG sees them time out. */
    void leaveUnanswered(int count) {
        leaveUnanswered.set(count);
    }

    /** "DELIVER &lt;report Msg_Id or MO&gt;" and "RESP &lt;command&gt;", in arrival order. */
    List<String> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** Writes raw bytes past the codec, as a broken SP would. */
    void writeRaw(byte[] bytes) {
        session.channel().writeAndFlush(Unpooled.wrappedBuffer(bytes));
    }

    /** Completes with the close cause (null after a TERMINATE handshake) when the connection is gone. */
    Throwable awaitClosed() throws InterruptedException, ExecutionException, TimeoutException {
        return closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void requestReceived(CmppSession active, CmppRequest request) {
        if (!(request instanceof CmppDeliver deliver)) {
            return;
        }
        events.add("DELIVER " + (deliver.isReport() ? deliver.report().msgId().toHex() : "MO"));
        delivers.add(deliver);
        if (leaveUnanswered.getAndUpdate(n -> Math.max(0, n - 1)) == 0) {
            active.respond(new CmppDeliverResp(deliver.sequenceId(), deliver.msgId(), CmppDeliverResp.RESULT_OK));
        }
    }

    @Override
    public void sessionClosed(CmppSession active, Throwable causeOrNull) {
        closed.complete(causeOrNull);
    }

    /** Closes the connection at once (no TERMINATE) and waits until it is gone. */
    @Override
    public void close() {
        CmppSession current = session;
        if (current != null) {
            current.channel().close().awaitUninterruptibly(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }
}
