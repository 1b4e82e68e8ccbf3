package org.cmppgw.cmpp.session.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.CommandId;
import org.cmppgw.cmpp.auth.Authenticator;
import org.cmppgw.cmpp.auth.CmppTimestamp;
import org.cmppgw.cmpp.codec.CmppEncoder;
import org.cmppgw.cmpp.pdu.CmppConnect;
import org.cmppgw.cmpp.pdu.CmppConnectResp;
import org.cmppgw.cmpp.session.CmppPipeline;
import org.cmppgw.cmpp.session.RecordingSessionListener;
import org.cmppgw.cmpp.session.TestPdus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The ISMG side of login on an EmbeddedChannel: CONNECT_RESP bytes, refusals, timeouts, connection limits. */
class ServerConnectHandlerTest {
    private final ConnectionCounter counter = new ConnectionCounter();
    private final ServerLoginPolicy policy = new ServerLoginPolicy(CmppServerConfig.builder().port(0)
        .clock(TestPdus.CLOCK).build(), CmppAccountRegistry.of(CmppAccount.of(TestPdus.ACCOUNT, TestPdus.SECRET, 1)));
    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private final RecordingSessionListener listener = new RecordingSessionListener(true);

    @AfterEach
    void finish() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    @Test
    void threeZeroLoginIsAnsweredWithAFourByteStatusAndTheIsmgAuthenticator() {
        EmbeddedChannel channel = serverChannel();
        CmppConnect connect = connect(0x30, TestPdus.SECRET);

        channel.writeInbound(TestPdus.encode(CmppVersion.V30, connect));

        List<String> frames = outboundFrames(channel);
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).length() / 2).as("3.0 CONNECT_RESP").isEqualTo(33);
        CmppConnectResp resp = (CmppConnectResp) TestPdus.decode(frames.get(0), CmppVersion.V30);
        assertThat(resp).isEqualTo(new CmppConnectResp(1, 0, Authenticator.ismg(0, CmppVersion.V30,
            connect.authenticatorSource(), TestPdus.SECRET), 0x30));
        assertThat(listener.active).hasSize(1);
        assertThat(listener.active.get(0).account()).isEqualTo(TestPdus.ACCOUNT);
        assertThat(channel.pipeline().get(CmppPipeline.LOGIN)).isNull();
        assertThat(counter.count(TestPdus.ACCOUNT)).isEqualTo(1);
    }

    @Test
    void twoZeroLoginSwitchesTheCodecAndHashesAOneByteStatus() {
        EmbeddedChannel channel = serverChannel();
        CmppConnect connect = connect(0x20, TestPdus.SECRET);

        channel.writeInbound(TestPdus.encode(CmppVersion.V20, connect));

        List<String> frames = outboundFrames(channel);
        assertThat(frames.get(0).length() / 2).as("2.0 CONNECT_RESP").isEqualTo(30);
        CmppConnectResp resp = (CmppConnectResp) TestPdus.decode(frames.get(0), CmppVersion.V20);
        assertThat(resp.authenticatorIsmg()).isEqualTo(Authenticator.ismg(0, CmppVersion.V20,
            connect.authenticatorSource(), TestPdus.SECRET));
        assertThat(listener.active.get(0).version()).isEqualTo(CmppVersion.V20);
        assertThat(channel.pipeline().get(CmppPipeline.ENCODER)).isSameAs(CmppEncoder.V20);
    }

    @Test
    void wrongSecretIsRefusedWithStatus3AZeroAuthenticatorAndAClose() {
        EmbeddedChannel channel = serverChannel();

        channel.writeInbound(TestPdus.encode(CmppVersion.V30, connect(0x30, "wrong")));

        CmppConnectResp resp = (CmppConnectResp) TestPdus.decode(outboundFrames(channel).get(0), CmppVersion.V30);
        assertThat(resp.status()).isEqualTo(3);
        assertThat(resp.authenticatorIsmg().isZero()).isTrue();
        assertThat(channel.isOpen()).isFalse();
        assertThat(listener.active).isEmpty();
        assertThat(counter.count(TestPdus.ACCOUNT)).isZero();
    }

    @Test
    void malformedConnectIsRefusedWithStatus1() {
        EmbeddedChannel channel = serverChannel();
        ByteBuf bad = Unpooled.buffer().writeInt(20).writeInt(CommandId.CMPP_CONNECT.code()).writeInt(3).writeLong(0);

        channel.writeInbound(bad);

        CmppConnectResp resp = (CmppConnectResp) TestPdus.decode(outboundFrames(channel).get(0), CmppVersion.V30);
        assertThat(resp.status()).isEqualTo(1);
        assertThat(resp.sequenceId()).isEqualTo(3);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void anythingButConnectFirstClosesWithoutAnAnswer() {
        EmbeddedChannel channel = serverChannel();

        channel.writeInbound(TestPdus.encode(CmppVersion.V30, TestPdus.submit(1)));

        assertThat(outboundFrames(channel)).isEmpty();
        assertThat(channel.isOpen()).isFalse();
        assertThat(listener.requests).isEmpty();
    }

    @Test
    void silentConnectionIsClosedAfterTheLoginTimeout() {
        EmbeddedChannel channel = serverChannel();

        channel.advanceTimeBy(9, TimeUnit.SECONDS);
        channel.runPendingTasks();
        assertThat(channel.isOpen()).isTrue();
        channel.advanceTimeBy(1, TimeUnit.SECONDS);
        channel.runPendingTasks();

        assertThat(channel.isOpen()).isFalse();
        assertThat(outboundFrames(channel)).isEmpty();
    }

    @Test
    void connectionOverTheAccountLimitIsRefusedWithStatus5UntilOneCloses() {
        EmbeddedChannel first = serverChannel();
        first.writeInbound(TestPdus.encode(CmppVersion.V30, connect(0x30, TestPdus.SECRET)));
        assertThat(outboundFrames(first)).hasSize(1);

        EmbeddedChannel second = serverChannel();
        second.writeInbound(TestPdus.encode(CmppVersion.V30, connect(0x30, TestPdus.SECRET)));
        CmppConnectResp refused = (CmppConnectResp) TestPdus.decode(outboundFrames(second).get(0), CmppVersion.V30);
        assertThat(refused.status()).isEqualTo(5);
        assertThat(second.isOpen()).isFalse();

        first.close();
        EmbeddedChannel third = serverChannel();
        third.writeInbound(TestPdus.encode(CmppVersion.V30, connect(0x30, TestPdus.SECRET)));
        CmppConnectResp accepted = (CmppConnectResp) TestPdus.decode(outboundFrames(third).get(0), CmppVersion.V30);
        assertThat(accepted.status()).isZero();
    }

    private EmbeddedChannel serverChannel() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        CmppServer.initChannel(channel, policy, counter, session -> listener);
        channels.add(channel);
        return channel;
    }

    private static CmppConnect connect(int version, String secret) {
        long timestamp = CmppTimestamp.now(TestPdus.CLOCK);
        return new CmppConnect(1, TestPdus.ACCOUNT, Authenticator.source(TestPdus.ACCOUNT, secret, timestamp),
            version, timestamp);
    }

    private static List<String> outboundFrames(EmbeddedChannel channel) {
        channel.runPendingTasks();
        List<String> frames = new ArrayList<>();
        for (ByteBuf buf = channel.readOutbound(); buf != null; buf = channel.readOutbound()) {
            frames.addAll(TestPdus.frames(buf));
            buf.release();
        }
        return frames;
    }
}
