package org.cmppgw.cmpp.session.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.auth.Authenticator;
import org.cmppgw.cmpp.auth.CmppTimestamp;
import org.cmppgw.cmpp.codec.CmppDecoder;
import org.cmppgw.cmpp.pdu.CmppConnect;
import org.cmppgw.cmpp.pdu.CmppConnectResp;
import org.cmppgw.cmpp.pdu.CmppResponse;
import org.cmppgw.cmpp.pdu.CmppSubmitResp;
import org.cmppgw.cmpp.session.CmppSession;
import org.cmppgw.cmpp.session.RecordingResponseListener;
import org.cmppgw.cmpp.session.RecordingSessionListener;
import org.cmppgw.cmpp.session.SocketFixture;
import org.cmppgw.cmpp.session.TestPdus;
import org.cmppgw.cmpp.session.client.CmppClientConfig;
import org.cmppgw.cmpp.session.client.CmppLoginException;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.DataInputStream;
import java.io.InputStream;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Logins over real 127.0.0.1 sockets: CmppClient against CmppServer, every Status case of §11.1, downgrade. */
class CmppLoginSocketTest {
    private final SocketFixture fixture = new SocketFixture();
    private final RecordingSessionListener serverListener = new RecordingSessionListener(true);
    private final RecordingSessionListener clientListener = new RecordingSessionListener(true);

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    @ParameterizedTest
    @EnumSource(CmppVersion.class)
    void loginSucceedsAndASubmitRoundTrips(CmppVersion version) throws Exception {
        CmppServer server = server(SocketFixture.serverConfig(), CmppAccount.of(TestPdus.ACCOUNT, TestPdus.SECRET, 2));

        CmppSession session = Await.result("login", fixture.connect(
            SocketFixture.clientConfig(server.port(), version).build(), clientListener));

        assertThat(session.version()).isEqualTo(version);
        assertThat(session.account()).isEqualTo(TestPdus.ACCOUNT);
        CmppResponse resp = Await.result("SUBMIT_RESP",
            SocketFixture.onLoop(session, () -> session.send(TestPdus::submit)));
        assertThat(resp).isInstanceOfSatisfying(CmppSubmitResp.class, r -> assertThat(r.isOk()).isTrue());
        serverListener.awaitActive();
        assertThat(serverListener.active.get(0).version()).isEqualTo(version);
        assertThat(server.connections(TestPdus.ACCOUNT)).isEqualTo(1);
        assertThat(clientListener.active).containsExactly(session);
    }

    @Test
    void wrongSecretIsStatus3() throws Exception {
        CmppServer server = server(SocketFixture.serverConfig(), CmppAccount.of(TestPdus.ACCOUNT, "other", 2));

        assertLoginFails(server, SocketFixture.clientConfig(server.port(), CmppVersion.V30).build(), 3);
    }

    @Test
    void unknownAccountIsStatus2() throws Exception {
        CmppServer server = server(SocketFixture.serverConfig(), CmppAccount.of("900001", TestPdus.SECRET, 2));

        assertLoginFails(server, SocketFixture.clientConfig(server.port(), CmppVersion.V30).build(), 2);
    }

    @Test
    void addressNotAllowedIsStatus2() throws Exception {
        CmppServer server = server(SocketFixture.serverConfig(), new CmppAccount(TestPdus.ACCOUNT, TestPdus.SECRET, 2,
            Set.of("10.9.9.9"), Optional.empty()));

        assertLoginFails(server, SocketFixture.clientConfig(server.port(), CmppVersion.V30).build(), 2);
    }

    @Test
    void staleTimestampIsStatus3() throws Exception {
        CmppServer server = server(SocketFixture.serverConfig().clock(Clock.offset(Clock.systemUTC(),
            Duration.ofHours(1))), CmppAccount.of(TestPdus.ACCOUNT, TestPdus.SECRET, 2));

        assertLoginFails(server, SocketFixture.clientConfig(server.port(), CmppVersion.V30).build(), 3);
    }

    @Test
    void connectionOverTheAccountLimitIsStatus5() throws Exception {
        CmppServer server = server(SocketFixture.serverConfig(), CmppAccount.of(TestPdus.ACCOUNT, TestPdus.SECRET, 1));
        CmppClientConfig config = SocketFixture.clientConfig(server.port(), CmppVersion.V30).build();
        Await.result("login", fixture.connect(config, clientListener));

        assertLoginFails(server, config, 5);
        assertThat(server.connections(TestPdus.ACCOUNT)).isEqualTo(1);
    }

    @Test
    void versionAbove30IsStatus4ThenTheServerCloses() throws Exception {
        CmppServer server = server(SocketFixture.serverConfig(), CmppAccount.of(TestPdus.ACCOUNT, TestPdus.SECRET, 1));
        long timestamp = CmppTimestamp.now(Clock.systemUTC());
        ByteBuf connect = TestPdus.encode(CmppVersion.V30, new CmppConnect(1, TestPdus.ACCOUNT,
            Authenticator.source(TestPdus.ACCOUNT, TestPdus.SECRET, timestamp), 0x31, timestamp));

        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            byte[] bytes = new byte[connect.readableBytes()];
            connect.readBytes(bytes);
            connect.release();
            socket.getOutputStream().write(bytes);
            InputStream in = socket.getInputStream();
            byte[] frame = new byte[33];
            new DataInputStream(in).readFully(frame);
            ByteBuf buf = Unpooled.wrappedBuffer(frame);
            CmppConnectResp resp = (CmppConnectResp) CmppDecoder.decodeFrame(buf, CmppVersion.V30);
            buf.release();
            assertThat(resp.status()).isEqualTo(4);
            assertThat(resp.version()).isEqualTo(0x30);
            assertThat(in.read()).as("server closed the connection").isEqualTo(-1);
        }
        assertThat(serverListener.active).isEmpty();
    }

    @Test
    void threeZeroClientDowngradesAgainstALenientTwoZeroOnlyServer() throws Exception {
        CmppServer server = server(SocketFixture.serverConfig().highestVersion(CmppVersion.V20),
            CmppAccount.of(TestPdus.ACCOUNT, TestPdus.SECRET, 1));

        CmppSession session = Await.result("login", fixture.connect(SocketFixture.clientConfig(server.port(),
            CmppVersion.V30).allowDowngrade(true).build(), clientListener));

        assertThat(session.version()).isEqualTo(CmppVersion.V20);
        CmppResponse resp = Await.result("SUBMIT_RESP",
            SocketFixture.onLoop(session, () -> session.send(TestPdus::submit)));
        assertThat(((CmppSubmitResp) resp).isOk()).isTrue();
    }

    @Test
    void threeZeroClientReconnectsAsTwoZeroAfterStatus4FromAStrictTwoZeroOnlyServer() throws Exception {
        CmppServer server = server(SocketFixture.serverConfig().highestVersion(CmppVersion.V20).strictVersion(true),
            CmppAccount.of(TestPdus.ACCOUNT, TestPdus.SECRET, 1));

        CmppSession session = Await.result("login", fixture.connect(SocketFixture.clientConfig(server.port(),
            CmppVersion.V30).allowDowngrade(true).build(), clientListener));

        assertThat(session.version()).isEqualTo(CmppVersion.V20);
        assertThat(((CmppSubmitResp) Await.result("SUBMIT_RESP", SocketFixture.onLoop(session,
            () -> session.send(TestPdus::submit)))).isOk()).isTrue();
        assertThat(clientListener.active).as("one session for two connections").hasSize(1);
    }

    @Test
    void withoutDowngradeAStrictTwoZeroOnlyServerRefusesWithStatus4() throws Exception {
        CmppServer server = server(SocketFixture.serverConfig().highestVersion(CmppVersion.V20).strictVersion(true),
            CmppAccount.of(TestPdus.ACCOUNT, TestPdus.SECRET, 1));

        assertLoginFails(server, SocketFixture.clientConfig(server.port(), CmppVersion.V30).build(), 4);
    }

    @Test
    void sessionMethodsRefuseCallsFromOutsideTheEventLoop() throws Exception {
        CmppServer server = server(SocketFixture.serverConfig(), CmppAccount.of(TestPdus.ACCOUNT, TestPdus.SECRET, 1));
        CmppSession session = Await.result("login", fixture.connect(
            SocketFixture.clientConfig(server.port(), CmppVersion.V30).build(), clientListener));

        assertThatThrownBy(() -> session.trySend(TestPdus::submit, new RecordingResponseListener(0)))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("called outside its event loop");
        assertThatThrownBy(() -> session.respond(TestPdus.submitResp(1, 1)))
            .isInstanceOf(IllegalStateException.class);
        assertThat(Await.result("terminate", session.terminate())).as("terminate is the exception: any thread")
            .isNull();
        clientListener.awaitClosed();
        assertThat(clientListener.closedOnce()).isNull();
    }

    private CmppServer server(CmppServerConfig.Builder config, CmppAccount account) {
        return fixture.server(config, CmppAccountRegistry.of(account), session -> serverListener);
    }

    private void assertLoginFails(CmppServer server, CmppClientConfig config, long status) throws Exception {
        Throwable cause = Await.failure("login", fixture.connect(config, clientListener));
        assertThat(cause).isInstanceOfSatisfying(CmppLoginException.class,
            e -> assertThat(e.status()).isEqualTo(status));
        assertThat(clientListener.closeCauses).as("no session, no sessionClosed").isEmpty();
    }
}
