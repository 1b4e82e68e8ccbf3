package org.cmppgw.cmpp.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.util.concurrent.Future;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.CommandId;
import org.cmppgw.cmpp.pdu.CmppDeliver;
import org.cmppgw.cmpp.pdu.CmppDeliverResp;
import org.cmppgw.cmpp.pdu.CmppSubmitResp;
import org.cmppgw.cmpp.pdu.CmppTerminate;
import org.cmppgw.cmpp.pdu.CmppTerminateResp;
import org.cmppgw.cmpp.pdu.MsgId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Terminate, broken and malformed frames, unknown commands: the life and death of a session, on an EmbeddedChannel. */
class CmppSessionHandlerTest extends EmbeddedSessionTestBase {
    private static final Duration TERMINATE_TIMEOUT = Duration.ofSeconds(5);
    private static final CmppSessionConfig CONFIG = CmppSessionConfig.builder().windowSize(4)
        .terminateTimeout(TERMINATE_TIMEOUT).build();

    @Test
    void terminateWaitsForTheDrainThenSendsTerminateAndClosesOnTheResponse() {
        peer = EmbeddedSession.v30(CONFIG);
        RecordingResponseListener responses = new RecordingResponseListener(2);
        int[] sent = peer.submit(2, responses);
        int answered = sent[0];
        int unanswered = sent[1];

        Future<Void> terminated = peer.session.terminate();

        assertThat(peer.session.isActive()).isFalse();
        assertThat(peer.session.trySend(TestPdus::submit, responses)).as("no sends while terminating").isFalse();
        peer.writeInbound(TestPdus.submitResp(answered, 1));
        assertThat(responses.only(answered)).as("in-flight responses still count").isInstanceOf(CmppSubmitResp.class);
        assertThat(peer.readOutbound()).as("still one in flight: no TERMINATE yet").isEmpty();

        peer.advance(TERMINATE_TIMEOUT);
        List<Object> out = peer.readOutbound();
        assertThat(out).hasSize(1).first().isInstanceOf(CmppTerminate.class);
        peer.writeInbound(new CmppTerminateResp(((CmppTerminate) out.get(0)).sequenceId()));

        assertThat(peer.channel.isOpen()).isFalse();
        assertThat(terminated.isSuccess()).isTrue();
        assertThat(responses.only(unanswered)).isInstanceOf(CmppSessionClosedException.class);
        assertThat(peer.listener.closedOnce()).as("graceful: no cause").isNull();
    }

    @Test
    void terminateWithAnEmptyWindowSendsTerminateAtOnceAndClosesAfterTheTimeoutWithoutAnAnswer() {
        peer = EmbeddedSession.v30(CONFIG);

        Future<Void> terminated = peer.session.terminate();

        assertThat(peer.readOutbound()).hasSize(1).first().isInstanceOf(CmppTerminate.class);
        assertThat(peer.session.terminate()).as("idempotent").isSameAs(terminated);
        peer.advance(TERMINATE_TIMEOUT.minusSeconds(1));
        assertThat(peer.channel.isOpen()).isTrue();
        peer.advance(Duration.ofSeconds(1));
        assertThat(peer.channel.isOpen()).isFalse();
        assertThat(terminated.isSuccess()).isTrue();
        assertThat(peer.listener.closedOnce()).isNull();
    }

    @Test
    void terminateFromThePeerIsAnsweredThenClosesAndFailsWhatWasInFlight() {
        peer = EmbeddedSession.v30(CONFIG);
        RecordingResponseListener responses = new RecordingResponseListener(2);
        int[] sent = peer.submit(2, responses);

        peer.writeInbound(new CmppTerminate(900));

        assertThat(peer.readOutbound()).containsExactly(new CmppTerminateResp(900));
        assertThat(peer.channel.isOpen()).isFalse();
        for (int seq : sent) {
            assertThat(responses.only(seq)).isInstanceOf(CmppSessionClosedException.class);
        }
        assertThat(peer.listener.closedOnce()).isNull();
        assertThat(peer.listener.requests).as("TERMINATE never reaches the app").isEmpty();
    }

    @Test
    void brokenFramingClosesTheConnectionAndFailsEveryInFlightRequestExactlyOnce() {
        peer = EmbeddedSession.v30(CONFIG);
        RecordingResponseListener responses = new RecordingResponseListener(3);
        int[] sent = peer.submit(3, responses);

        peer.channel.writeInbound(Unpooled.buffer().writeInt(5).writeInt(4).writeInt(99));

        assertThat(peer.channel.isOpen()).isFalse();
        assertThat(responses.total()).isEqualTo(3);
        for (int seq : sent) {
            assertThat(responses.only(seq))
                .isInstanceOfSatisfying(CmppSessionClosedException.class,
                    e -> assertThat(e.getCause()).isInstanceOf(CorruptedFrameException.class));
        }
        assertThat(peer.listener.closedOnce()).isInstanceOf(CorruptedFrameException.class);
    }

    @Test
    void malformedSubmitIsAnsweredWithResultOneAndTheNextSubmitWorks() {
        peer = EmbeddedSession.server(CmppVersion.V30, CONFIG, true);

        // A SUBMIT frame whose body is 10 bytes: far too short for any layout.
        ByteBuf bad = Unpooled.buffer().writeInt(22).writeInt(CommandId.CMPP_SUBMIT.code()).writeInt(41)
            .writeZero(10);
        peer.channel.writeInbound(bad);
        assertThat(peer.readOutbound()).containsExactly(new CmppSubmitResp(41, MsgId.ZERO, 1));
        assertThat(peer.channel.isActive()).isTrue();

        peer.writeInbound(TestPdus.submit(42));
        assertThat(peer.listener.requests).containsExactly(TestPdus.submit(42));
        assertThat(peer.readOutbound()).containsExactly(new CmppSubmitResp(42, new MsgId(0x100 + 42), 0));
    }

    @Test
    void malformedDeliverIsAnsweredWithResultOneEchoingMsgIdZero() {
        peer = EmbeddedSession.v30(CONFIG);
        ByteBuf bad = Unpooled.buffer().writeInt(20).writeInt(CommandId.CMPP_DELIVER.code()).writeInt(7)
            .writeLong(123);

        peer.channel.writeInbound(bad);

        assertThat(peer.readOutbound()).containsExactly(new CmppDeliverResp(7, MsgId.ZERO, 1));
        assertThat(peer.listener.requests).isEmpty();
    }

    @Test
    void unknownCommandIsSkippedAndTheConnectionStaysUsable() {
        peer = EmbeddedSession.v30(CONFIG);
        CmppSessionHandler handler = (CmppSessionHandler) peer.channel.pipeline().get(CmppPipeline.SESSION);

        // CMPP_FWD (ISMG-to-ISMG only) with a 4-byte body, then a good DELIVER in the same buffer.
        ByteBuf in = Unpooled.buffer().writeInt(16).writeInt(0x00000009).writeInt(5).writeInt(0);
        in.writeBytes(TestPdus.encode(CmppVersion.V30, TestPdus.report(6, 0x55)));
        peer.channel.writeInbound(in);

        assertThat(handler.unknownCommands()).isEqualTo(1);
        assertThat(peer.channel.isActive()).isTrue();
        assertThat(peer.listener.requests).hasSize(1).first().isInstanceOf(CmppDeliver.class);
        assertThat(peer.readOutbound()).as("only the DELIVER is answered")
            .containsExactly(new CmppDeliverResp(6, TestPdus.report(6, 0x55).msgId(), 0));
    }

    @Test
    void tooManyBadFramesInARowCloseTheConnectionButAGoodFrameResetsTheCount() {
        peer = EmbeddedSession.v30(CONFIG);
        peer.channel.writeInbound(unknownFrames(7));
        peer.writeInbound(TestPdus.report(1, 1));
        peer.channel.writeInbound(unknownFrames(7));
        assertThat(peer.channel.isActive()).as("7 + good + 7: never 8 in a row").isTrue();

        peer.channel.writeInbound(unknownFrames(1));

        assertThat(peer.channel.isOpen()).isFalse();
        assertThat(peer.listener.closedOnce()).isInstanceOf(CmppProtocolException.class)
            .hasMessageContaining("8 bad frames in a row");
    }

    @Test
    void lostConnectionIsReportedWithACauseAndFailsInFlightOnce() {
        peer = EmbeddedSession.v30(CONFIG);
        RecordingResponseListener responses = new RecordingResponseListener(1);
        int seq = peer.submit(1, responses)[0];

        peer.channel.close();
        peer.channel.close();

        assertThat(responses.only(seq)).isInstanceOf(CmppSessionClosedException.class);
        assertThat(peer.listener.closedOnce()).isInstanceOf(CmppSessionClosedException.class);
        assertThat(peer.listener.active).hasSize(1);
    }

    private static ByteBuf unknownFrames(int count) {
        ByteBuf out = Unpooled.buffer();
        for (int i = 0; i < count; i++) {
            out.writeInt(12).writeInt(0x00000010).writeInt(1000 + i);
        }
        return out;
    }
}
