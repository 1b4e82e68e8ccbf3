package org.cmppgw.cmpp.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.Promise;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.auth.Authenticator;
import org.cmppgw.cmpp.auth.CmppTimestamp;
import org.cmppgw.cmpp.pdu.CmppConnect;
import org.cmppgw.cmpp.pdu.CmppConnectResp;
import org.cmppgw.cmpp.pdu.CmppPdu;
import org.cmppgw.cmpp.pdu.CmppSubmit;
import org.cmppgw.cmpp.session.client.CmppClient;
import org.cmppgw.cmpp.session.client.CmppClientConfig;
import org.cmppgw.cmpp.session.server.CmppAccount;
import org.cmppgw.cmpp.session.server.CmppAccountRegistry;
import org.cmppgw.cmpp.session.server.CmppServerConfig;
import org.cmppgw.cmpp.session.server.ServerChannels;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client session logged in over an {@link EmbeddedChannel} with frozen time: the test plays the ISMG by writing
 * encoded PDUs inbound and decoding what the session wrote.
 */
final class EmbeddedSession {
    final EmbeddedChannel channel = new EmbeddedChannel();
    final RecordingSessionListener listener;
    final CmppVersion version;
    CmppSession session;

    private EmbeddedSession(CmppVersion version, boolean autoRespond) {
        this.version = version;
        this.listener = new RecordingSessionListener(autoRespond);
        channel.freezeTime();
    }

    /** The SP side, logged in: the test plays the ISMG. */
    static EmbeddedSession client(CmppVersion version, CmppSessionConfig config, boolean autoRespond) {
        EmbeddedSession s = new EmbeddedSession(version, autoRespond);
        Promise<CmppSession> login = s.channel.eventLoop().newPromise();
        CmppClientConfig clientConfig = CmppClientConfig.builder("127.0.0.1", 7890, TestPdus.ACCOUNT,
            TestPdus.SECRET).version(version).sessionConfig(config).clock(TestPdus.CLOCK).randomSequenceStart(false)
            .build();
        CmppClient.initChannel(s.channel, clientConfig, s.listener, login);
        CmppConnect connect = (CmppConnect) s.readOutbound().get(0);
        s.writeInbound(new CmppConnectResp(connect.sequenceId(), 0, Authenticator.ismg(0, version,
            connect.authenticatorSource(), TestPdus.SECRET), version.wireValue()));
        assertThat(login.isSuccess()).as("login").isTrue();
        s.session = login.getNow();
        return s;
    }

    /** The ISMG side, logged in: the test plays the SP. */
    static EmbeddedSession server(CmppVersion version, CmppSessionConfig config, boolean autoRespond) {
        EmbeddedSession s = new EmbeddedSession(version, autoRespond);
        CmppServerConfig serverConfig = CmppServerConfig.builder().port(0).sessionConfig(config)
            .clock(TestPdus.CLOCK).build();
        ServerChannels.init(s.channel, serverConfig,
            CmppAccountRegistry.of(CmppAccount.of(TestPdus.ACCOUNT, TestPdus.SECRET, 5)), session -> s.listener);
        long timestamp = CmppTimestamp.now(TestPdus.CLOCK);
        s.writeInbound(new CmppConnect(1, TestPdus.ACCOUNT, Authenticator.source(TestPdus.ACCOUNT,
            TestPdus.SECRET, timestamp), version.wireValue(), timestamp));
        CmppConnectResp resp = (CmppConnectResp) s.readOutbound().get(0);
        assertThat(resp.status()).as("login status").isZero();
        s.session = s.listener.active.get(0);
        return s;
    }

    static EmbeddedSession v30(CmppSessionConfig config) {
        return client(CmppVersion.V30, config, true);
    }

    void writeInbound(CmppPdu... pdus) {
        channel.writeInbound(TestPdus.encode(version, pdus));
    }

    /** Runs pending tasks (the flush) and returns the raw outbound buffers' frames as hex, one per PDU. */
    List<String> readOutboundFrames() {
        channel.runPendingTasks();
        List<String> frames = new ArrayList<>();
        for (ByteBuf buf = channel.readOutbound(); buf != null; buf = channel.readOutbound()) {
            try {
                frames.addAll(TestPdus.frames(buf));
            } finally {
                buf.release();
            }
        }
        return frames;
    }

    /** Outbound PDUs, decoded. */
    List<Object> readOutbound() {
        List<Object> pdus = new ArrayList<>();
        for (String frame : readOutboundFrames()) {
            pdus.add(TestPdus.decode(frame, version));
        }
        return pdus;
    }

    /** Sends {@code count} SUBMITs through the session's window and returns their Sequence_Ids, in sending order. */
    int[] submit(int count, CmppResponseListener responses) {
        for (int i = 0; i < count; i++) {
            assertThat(session.trySend(TestPdus::submit, responses)).as("window open for SUBMIT %d", i).isTrue();
        }
        List<Object> sent = readOutbound();
        assertThat(sent).hasSize(count).allMatch(pdu -> pdu instanceof CmppSubmit);
        return sent.stream().mapToInt(pdu -> ((CmppSubmit) pdu).sequenceId()).toArray();
    }

    /** How many separate buffers (= writes reaching the socket) are queued outbound. */
    int outboundBufferCount() {
        channel.runPendingTasks();
        return channel.outboundMessages().size();
    }

    void advance(Duration duration) {
        channel.advanceTimeBy(duration.toNanos(), TimeUnit.NANOSECONDS);
        channel.runPendingTasks();
        channel.runPendingTasks();
    }

    /** Closes the channel if still open and checks that nothing was left behind (buffers are released). */
    void finish() {
        channel.finishAndReleaseAll();
    }
}
