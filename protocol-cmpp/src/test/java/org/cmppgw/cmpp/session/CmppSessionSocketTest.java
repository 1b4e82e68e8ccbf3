package org.cmppgw.cmpp.session;

import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.pdu.CmppDeliver;
import org.cmppgw.cmpp.pdu.CmppDeliverResp;
import org.cmppgw.cmpp.pdu.CmppSubmit;
import org.cmppgw.cmpp.session.server.CmppAccount;
import org.cmppgw.cmpp.session.server.CmppAccountRegistry;
import org.cmppgw.cmpp.session.server.CmppServer;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Heartbeat and terminate over real 127.0.0.1 sockets. */
class CmppSessionSocketTest {
    private static final CmppAccount ACCOUNT = CmppAccount.of(TestPdus.ACCOUNT, TestPdus.SECRET, 4);

    private final SocketFixture fixture = new SocketFixture();
    private final RecordingSessionListener clientListener = new RecordingSessionListener(true);

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    @Test
    void clientClosesAPeerThatStopsAnsweringHeartbeats() throws Exception {
        SilentIsmg ismg = fixture.track(new SilentIsmg(fixture.clientGroup));
        CmppSessionConfig fastHeartbeat = CmppSessionConfig.builder().activeTestIdle(Duration.ofMillis(100))
            .activeTestMaxMissed(2).build();
        CmppSession session = Await.result("login", fixture.connect(SocketFixture.clientConfig(ismg.port(),
            CmppVersion.V30).sessionConfig(fastHeartbeat).build(), clientListener));
        RecordingResponseListener responses = new RecordingResponseListener(1);
        SocketFixture.onLoop(session, () -> session.trySend(TestPdus::submit, responses));

        clientListener.awaitClosed();

        assertThat(clientListener.closedOnce()).isInstanceOf(CmppSessionClosedException.class)
            .hasMessageContaining("2 ACTIVE_TEST unanswered, dead peer");
        responses.await();
        assertThat(responses.only(2)).isInstanceOf(CmppSessionClosedException.class);
        assertThat(session.channel().isOpen()).isFalse();
    }

    @Test
    void heartbeatsKeepAnIdleButHealthyLinkOpen() throws Exception {
        CmppSessionConfig heartbeat = CmppSessionConfig.builder().activeTestIdle(Duration.ofMillis(100))
            .activeTestMaxMissed(5).build();
        CmppServer server = fixture.server(SocketFixture.serverConfig().sessionConfig(heartbeat),
            CmppAccountRegistry.of(ACCOUNT), s -> new RecordingSessionListener(true));
        CmppSession session = Await.result("login", fixture.connect(SocketFixture.clientConfig(server.port(),
            CmppVersion.V30).sessionConfig(heartbeat).build(), clientListener));
        ActiveTestHandler heartbeats = (ActiveTestHandler) session.channel().pipeline().get(CmppPipeline.ACTIVE_TEST);

        Await.until("3 heartbeats sent", () -> heartbeats.sent() >= 3);

        assertThat(session.channel().isActive()).isTrue();
        assertThat(clientListener.closeCauses).isEmpty();
        assertThat(clientListener.requests).as("ACTIVE_TEST never reaches the app").isEmpty();
    }

    @Test
    void clientInitiatedTerminateFailsUnansweredRequestsAndClosesBothSidesGracefully() throws Exception {
        RecordingSessionListener serverListener = new RecordingSessionListener(false);
        CmppSessionConfig quick = CmppSessionConfig.builder().terminateTimeout(Duration.ofMillis(300)).build();
        CmppServer server = fixture.server(SocketFixture.serverConfig(), CmppAccountRegistry.of(ACCOUNT),
            s -> serverListener);
        CmppSession session = Await.result("login", fixture.connect(SocketFixture.clientConfig(server.port(),
            CmppVersion.V30).sessionConfig(quick).build(), clientListener));
        RecordingResponseListener responses = new RecordingResponseListener(3);
        SocketFixture.onLoop(session, () -> {
            for (int i = 0; i < 3; i++) {
                session.trySend(TestPdus::submit, responses);
            }
            return null;
        });
        Await.until("server got the SUBMITs", () -> serverListener.requests.size() == 3);

        Await.result("terminate", session.terminate());

        responses.await();
        for (int seq = 2; seq <= 4; seq++) {
            assertThat(responses.only(seq)).isInstanceOf(CmppSessionClosedException.class);
        }
        clientListener.awaitClosed();
        serverListener.awaitClosed();
        assertThat(clientListener.closedOnce()).isNull();
        assertThat(serverListener.closedOnce()).as("the server answered TERMINATE: graceful too").isNull();
    }

    @Test
    void serverInitiatedTerminateFailsTheClientsInFlightRequests() throws Exception {
        RecordingSessionListener serverListener = new RecordingSessionListener(false);
        CmppServer server = fixture.server(SocketFixture.serverConfig(), CmppAccountRegistry.of(ACCOUNT),
            s -> serverListener);
        CmppSession session = Await.result("login", fixture.connect(SocketFixture.clientConfig(server.port(),
            CmppVersion.V20).build(), clientListener));
        RecordingResponseListener responses = new RecordingResponseListener(2);
        SocketFixture.onLoop(session, () -> session.trySend(TestPdus::submit, responses)
            && session.trySend(TestPdus::submit, responses));
        Await.until("server got the SUBMITs", () -> serverListener.requests.size() == 2);
        serverListener.awaitActive();
        CmppSession serverSession = serverListener.active.get(0);

        Await.result("terminate", serverSession.terminate());

        responses.await();
        assertThat(responses.only(2)).isInstanceOf(CmppSessionClosedException.class);
        assertThat(responses.only(3)).isInstanceOf(CmppSessionClosedException.class);
        clientListener.awaitClosed();
        assertThat(clientListener.closedOnce()).isNull();
        assertThat(serverListener.closedOnce()).isNull();
    }

    @Test
    void serverDeliversReportsAndTheClientAnswersThem() throws Exception {
        RecordingSessionListener serverListener = new RecordingSessionListener(true);
        CmppServer server = fixture.server(SocketFixture.serverConfig(), CmppAccountRegistry.of(ACCOUNT),
            s -> serverListener);
        Await.result("login", fixture.connect(SocketFixture.clientConfig(server.port(), CmppVersion.V30).build(),
            clientListener));
        serverListener.awaitActive();
        CmppSession serverSession = serverListener.active.get(0);

        Object resp = Await.result("DELIVER_RESP", SocketFixture.onLoop(serverSession,
            () -> serverSession.send(seq -> TestPdus.report(seq, 0x1234))));

        assertThat(resp).isInstanceOf(CmppDeliverResp.class);
        assertThat(clientListener.requests).hasSize(1).first().isInstanceOfSatisfying(CmppDeliver.class,
            d -> assertThat(d.report().msgId().value()).isEqualTo(0x1234));
        assertThat(serverListener.requests).noneMatch(r -> r instanceof CmppSubmit);
    }

    @Test
    void abruptServerCloseIsALostConnectionWithACause() throws Exception {
        CmppServer server = fixture.server(SocketFixture.serverConfig(), CmppAccountRegistry.of(ACCOUNT),
            s -> new RecordingSessionListener(false));
        CmppSession session = Await.result("login", fixture.connect(SocketFixture.clientConfig(server.port(),
            CmppVersion.V30).build(), clientListener));
        RecordingResponseListener responses = new RecordingResponseListener(1);
        SocketFixture.onLoop(session, () -> session.trySend(TestPdus::submit, responses));

        server.close();

        clientListener.awaitClosed();
        assertThat(clientListener.closedOnce()).isNotNull();
        responses.await();
        assertThat(responses.only(2)).isInstanceOf(CmppSessionClosedException.class);
    }
}
