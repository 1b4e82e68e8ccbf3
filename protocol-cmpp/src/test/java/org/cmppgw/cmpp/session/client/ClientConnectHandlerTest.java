package org.cmppgw.cmpp.session.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.Promise;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.auth.Authenticator;
import org.cmppgw.cmpp.pdu.CmppConnect;
import org.cmppgw.cmpp.pdu.CmppConnectResp;
import org.cmppgw.cmpp.pdu.CmppDeliver;
import org.cmppgw.cmpp.pdu.CmppPdu;
import org.cmppgw.cmpp.session.CmppPipeline;
import org.cmppgw.cmpp.session.CmppSession;
import org.cmppgw.cmpp.session.CmppSessionConfig;
import org.cmppgw.cmpp.session.RecordingSessionListener;
import org.cmppgw.cmpp.session.TestPdus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The SP side of login (§5.3-§5.5): what CONNECT carries and how each CONNECT_RESP is judged. */
class ClientConnectHandlerTest {
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final RecordingSessionListener listener = new RecordingSessionListener(true);
    private Promise<CmppSession> login;
    private CmppConnect connect;

    @AfterEach
    void finish() {
        channel.finishAndReleaseAll();
    }

    @Test
    void connectCarriesAccountVersionTimestampAndAuthenticatorSource() {
        start(config(CmppVersion.V30).build());

        assertThat(connect.sourceAddr()).isEqualTo(TestPdus.ACCOUNT);
        assertThat(connect.version()).isEqualTo(0x30);
        assertThat(connect.timestamp()).as("22 Nov 22:50:30 Beijing").isEqualTo(1122225030L);
        assertThat(connect.authenticatorSource())
            .isEqualTo(Authenticator.source(TestPdus.ACCOUNT, TestPdus.SECRET, 1122225030L));
        assertThat(connect.sequenceId()).isEqualTo(1);
        assertThat(login.isDone()).isFalse();
    }

    @Test
    void eachConnectionStartsItsSequenceIdsAtARandomPointByDefault() {
        // A carrier answering on the wrong connection must not hit a request waiting there under the same id.
        Set<Integer> firstIds = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            EmbeddedChannel other = new EmbeddedChannel();
            try {
                CmppClient.initChannel(other, config(CmppVersion.V30).randomSequenceStart(true).build(), listener,
                    other.eventLoop().newPromise());
                ByteBuf frame = other.readOutbound();
                try {
                    firstIds.add(frame.getInt(8));
                } finally {
                    frame.release();
                }
            } finally {
                other.finishAndReleaseAll();
            }
        }
        assertThat(firstIds).as("three connections, three random starts").hasSize(3).doesNotContain(0);
        assertThat(CmppClientConfig.builder("h", 1, "a", "s").build().randomSequenceStart()).as("default").isTrue();
    }

    @Test
    void refusedLoginFailsWithTheStatusAndCloses() {
        start(config(CmppVersion.V30).build());

        answer(CmppVersion.V30, new CmppConnectResp(1, 3, Authenticator.ZERO, 0x30));

        assertThat(login.cause()).isInstanceOfSatisfying(CmppLoginException.class, e -> {
            assertThat(e.status()).isEqualTo(3);
            assertThat(e.isConfigurationError()).isTrue();
            assertThat(e).hasMessageContaining("Status 3 (authentication error)");
        });
        assertThat(channel.isOpen()).isFalse();
        assertThat(listener.active).isEmpty();
    }

    @Test
    void strictClientRefusesAnImpostorIsmg() {
        start(config(CmppVersion.V30).strictIsmgAuth(true).build());

        answer(CmppVersion.V30, new CmppConnectResp(1, 0, impostorAuthenticator(CmppVersion.V30), 0x30));

        assertThat(login.cause()).isInstanceOf(CmppLoginException.class)
            .hasMessageContaining("AuthenticatorISMG does not match");
        assertThat(channel.isOpen()).isFalse();
        assertThat(listener.active).isEmpty();
    }

    @Test
    void lenientClientWarnsAboutAnImpostorIsmgAndLogsIn() {
        start(config(CmppVersion.V30).build());

        answer(CmppVersion.V30, new CmppConnectResp(1, 0, impostorAuthenticator(CmppVersion.V30), 0x30));

        assertThat(login.isSuccess()).isTrue();
        assertThat(listener.active).containsExactly(login.getNow());
        assertThat(channel.pipeline().get(CmppPipeline.LOGIN)).as("login handler removed").isNull();
    }

    @Test
    void strictClientAcceptsTheStatusHashedAtEitherWidth() {
        start(config(CmppVersion.V20).strictIsmgAuth(true).build());

        // [Z] hashes a 4-byte Status even on 2.0 links (§16).
        answer(CmppVersion.V20, new CmppConnectResp(1, 0, Authenticator.ismg(0, CmppVersion.V30,
            connect.authenticatorSource(), TestPdus.SECRET), 0x20));

        assertThat(login.isSuccess()).isTrue();
    }

    @Test
    void threeZeroClientDowngradesWhenTheIsmgAnswersTwoZeroAndDowngradeIsAllowed() {
        start(config(CmppVersion.V30).allowDowngrade(true).strictIsmgAuth(true).build());

        answer(CmppVersion.V20, new CmppConnectResp(1, 0, Authenticator.ismg(0, CmppVersion.V20,
            connect.authenticatorSource(), TestPdus.SECRET), 0x20));

        assertThat(login.getNow().version()).isEqualTo(CmppVersion.V20);
        // The decoder speaks 2.0 now: a 2.0 DELIVER (85 + 60 bytes) decodes and is answered in the 2.0 layout.
        answer(CmppVersion.V20, TestPdus.report(3, 0x77));
        assertThat(listener.requests).hasSize(1).first().isInstanceOf(CmppDeliver.class);
        channel.runPendingTasks();
        ByteBuf resp = channel.readOutbound();
        assertThat(resp.readableBytes()).as("DELIVER_RESP 2.0 = 21 bytes").isEqualTo(21);
        resp.release();
    }

    @Test
    void threeZeroClientFailsOnATwoZeroAnswerWithoutDowngrade() {
        start(config(CmppVersion.V30).build());

        answer(CmppVersion.V20, new CmppConnectResp(1, 0, Authenticator.ismg(0, CmppVersion.V20,
            connect.authenticatorSource(), TestPdus.SECRET), 0x20));

        assertThat(login.cause()).isInstanceOf(CmppLoginException.class)
            .hasMessageContaining("downgrade is not allowed");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void twoZeroClientKeepsTwoZeroWhenTheIsmgAnnouncesThreeZero() {
        start(config(CmppVersion.V20).build());

        answer(CmppVersion.V20, new CmppConnectResp(1, 0, Authenticator.ismg(0, CmppVersion.V20,
            connect.authenticatorSource(), TestPdus.SECRET), 0x30));

        assertThat(login.getNow().version()).isEqualTo(CmppVersion.V20);
    }

    @Test
    void noConnectRespWithinTheLoginTimeoutFailsAndCloses() {
        start(config(CmppVersion.V30).build());

        channel.advanceTimeBy(9, TimeUnit.SECONDS);
        channel.runPendingTasks();
        assertThat(login.isDone()).isFalse();
        channel.advanceTimeBy(1, TimeUnit.SECONDS);
        channel.runPendingTasks();

        assertThat(login.cause()).isInstanceOfSatisfying(CmppLoginException.class, e -> {
            assertThat(e.status()).isEqualTo(CmppLoginException.NO_STATUS);
            assertThat(e).hasMessageContaining("no CONNECT_RESP within PT10S");
        });
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void anythingButConnectRespFirstFailsTheLogin() {
        start(config(CmppVersion.V30).build());

        answer(CmppVersion.V30, TestPdus.report(1, 1));

        assertThat(login.cause()).isInstanceOf(CmppLoginException.class).hasMessageContaining("before CONNECT_RESP");
        assertThat(listener.requests).isEmpty();
    }

    @Test
    void configToStringMasksTheSecret() {
        assertThat(config(CmppVersion.V30).build().toString()).contains("secret=****")
            .doesNotContain(TestPdus.SECRET + ",");
    }

    /** Sequence_Ids from 1, so the answers below can name the CONNECT's id. */
    private CmppClientConfig.Builder config(CmppVersion version) {
        return CmppClientConfig.builder("127.0.0.1", 7890, TestPdus.ACCOUNT, TestPdus.SECRET).version(version)
            .clock(TestPdus.CLOCK).sessionConfig(CmppSessionConfig.builder().loginTimeout(Duration.ofSeconds(10))
                .build()).randomSequenceStart(false);
    }

    private void start(CmppClientConfig config) {
        channel.freezeTime();
        login = channel.eventLoop().newPromise();
        CmppClient.initChannel(channel, config, listener, login);
        connect = (CmppConnect) readOutbound(config.version()).get(0);
    }

    private Authenticator impostorAuthenticator(CmppVersion version) {
        return Authenticator.ismg(0, version, connect.authenticatorSource(), "not-the-secret");
    }

    private void answer(CmppVersion layout, CmppPdu pdu) {
        channel.writeInbound(TestPdus.encode(layout, pdu));
    }

    private List<Object> readOutbound(CmppVersion version) {
        List<Object> pdus = new ArrayList<>();
        for (ByteBuf buf = channel.readOutbound(); buf != null; buf = channel.readOutbound()) {
            for (String frame : TestPdus.frames(buf)) {
                pdus.add(TestPdus.decode(frame, version));
            }
            buf.release();
        }
        return pdus;
    }
}
