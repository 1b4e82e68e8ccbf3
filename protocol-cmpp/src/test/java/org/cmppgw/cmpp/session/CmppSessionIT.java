package org.cmppgw.cmpp.session;

import io.netty.util.concurrent.Future;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.pdu.CmppDeliver;
import org.cmppgw.cmpp.pdu.CmppDeliverResp;
import org.cmppgw.cmpp.pdu.CmppRequest;
import org.cmppgw.cmpp.pdu.CmppResponse;
import org.cmppgw.cmpp.pdu.CmppSubmit;
import org.cmppgw.cmpp.pdu.CmppSubmitResp;
import org.cmppgw.cmpp.pdu.MsgId;
import org.cmppgw.cmpp.session.client.CmppLoginException;
import org.cmppgw.cmpp.session.server.CmppAccount;
import org.cmppgw.cmpp.session.server.CmppAccountRegistry;
import org.cmppgw.cmpp.session.server.CmppServer;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several connections at once over real sockets: full windows in both directions (SUBMIT one way, DELIVER reports the
 * other), back-pressure through windowAvailable, every message and report accounted for exactly once; and concurrent
 * logins racing for an account's connection limit.
 */
class CmppSessionIT {
    private static final int CONNECTIONS = 4;
    private static final int MESSAGES = 2_000;

    private final SocketFixture fixture = new SocketFixture();

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    @Test
    void everySubmitGetsOneResponseAndOneReportOnEveryConnection() throws Exception {
        AtomicLong msgIds = new AtomicLong(1);
        CmppServer server = fixture.server(SocketFixture.serverConfig(), CmppAccountRegistry.of(
            CmppAccount.of(TestPdus.ACCOUNT, TestPdus.SECRET, CONNECTIONS)), s -> new ReportingIsmg(msgIds));
        List<Pusher> pushers = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            Pusher pusher = new Pusher();
            pushers.add(pusher);
            CmppVersion version = i % 2 == 0 ? CmppVersion.V30 : CmppVersion.V20;
            Await.result("login", fixture.connect(SocketFixture.clientConfig(server.port(), version).build(), pusher));
        }

        for (Pusher pusher : pushers) {
            assertThat(pusher.done.await(60, TimeUnit.SECONDS)).as("all reports within 60 s").isTrue();
            assertThat(pusher.failures).hasValue(0);
            assertThat(pusher.responses).hasValue(MESSAGES);
            assertThat(pusher.reportedIds).hasSize(MESSAGES);
            assertThat(pusher.submittedIds).isEqualTo(pusher.reportedIds);
            assertThat(pusher.windowAvailable).as("the window was full and drained").hasPositiveValue();
        }
    }

    @Test
    void concurrentLoginsGetExactlyTheAccountsConnectionLimit() throws Exception {
        CmppServer server = fixture.server(SocketFixture.serverConfig(), CmppAccountRegistry.of(
            CmppAccount.of(TestPdus.ACCOUNT, TestPdus.SECRET, 3)), s -> new RecordingSessionListener(true));
        List<Future<CmppSession>> logins = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            logins.add(fixture.connect(SocketFixture.clientConfig(server.port(), CmppVersion.V30).build(),
                new RecordingSessionListener(true)));
        }

        int ok = 0;
        int refused = 0;
        for (Future<CmppSession> login : logins) {
            assertThat(login.await(10, TimeUnit.SECONDS)).isTrue();
            if (login.isSuccess()) {
                ok++;
            } else if (login.cause() instanceof CmppLoginException e && e.status() == 5) {
                refused++;
            }
        }
        assertThat(ok).isEqualTo(3);
        assertThat(refused).isEqualTo(5);
        assertThat(server.connections(TestPdus.ACCOUNT)).isEqualTo(3);
    }

    /** The ISMG: SUBMIT_RESP at once, then a DELIVER report, queued while its own window is full. */
    private static final class ReportingIsmg implements CmppSessionListener, CmppResponseListener {
        private final AtomicLong msgIds;
        private final ArrayDeque<Long> reports = new ArrayDeque<>();

        ReportingIsmg(AtomicLong msgIds) {
            this.msgIds = msgIds;
        }

        @Override
        public void requestReceived(CmppSession session, CmppRequest request) {
            long msgId = msgIds.getAndIncrement();
            session.respond(new CmppSubmitResp(request.sequenceId(), new MsgId(msgId), 0));
            reports.add(msgId);
            drain(session);
        }

        @Override
        public void windowAvailable(CmppSession session) {
            drain(session);
        }

        private void drain(CmppSession session) {
            while (!reports.isEmpty() && session.trySend(seq -> TestPdus.report(seq, reports.peekFirst()), this)) {
                reports.pollFirst();
            }
        }

        @Override
        public void onResponse(CmppRequest request, CmppResponse response) {
            assertThat(response).isInstanceOf(CmppDeliverResp.class);
        }

        @Override
        public void onFailure(CmppRequest request, Throwable cause) {
            throw new AssertionError("report failed: " + cause, cause);
        }
    }

    /** The SP: pushes MESSAGES SUBMITs as fast as the window allows, answers every report. */
    private static final class Pusher implements CmppSessionListener, CmppResponseListener {
        final CountDownLatch done = new CountDownLatch(1);
        final AtomicInteger responses = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();
        final AtomicInteger windowAvailable = new AtomicInteger();
        final Set<Long> submittedIds = ConcurrentHashMap.newKeySet();
        final Set<Long> reportedIds = ConcurrentHashMap.newKeySet();
        private int sent;

        @Override
        public void sessionActive(CmppSession session) {
            pump(session);
        }

        @Override
        public void windowAvailable(CmppSession session) {
            windowAvailable.incrementAndGet();
            pump(session);
        }

        private void pump(CmppSession session) {
            while (sent < MESSAGES && session.trySend(TestPdus::submit, this)) {
                sent++;
            }
        }

        @Override
        public void requestReceived(CmppSession session, CmppRequest request) {
            CmppDeliver deliver = (CmppDeliver) request;
            session.respond(new CmppDeliverResp(deliver.sequenceId(), deliver.msgId(), 0));
            assertThat(reportedIds.add(deliver.report().msgId().value())).as("report seen once").isTrue();
            if (reportedIds.size() == MESSAGES) {
                done.countDown();
            }
        }

        @Override
        public void onResponse(CmppRequest request, CmppResponse response) {
            assertThat(request).isInstanceOf(CmppSubmit.class);
            assertThat(submittedIds.add(((CmppSubmitResp) response).msgId().value())).isTrue();
            responses.incrementAndGet();
        }

        @Override
        public void onFailure(CmppRequest request, Throwable cause) {
            failures.incrementAndGet();
        }
    }
}
