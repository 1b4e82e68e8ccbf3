package org.cmppgw.cmpp.session;

import io.netty.util.concurrent.Future;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.codec.CmppCodecException;
import org.cmppgw.cmpp.pdu.CmppActiveTest;
import org.cmppgw.cmpp.pdu.CmppActiveTestResp;
import org.cmppgw.cmpp.pdu.CmppDeliverResp;
import org.cmppgw.cmpp.pdu.CmppResponse;
import org.cmppgw.cmpp.pdu.CmppSubmit;
import org.cmppgw.cmpp.pdu.CmppSubmitResp;
import org.cmppgw.cmpp.pdu.CmppTerminate;
import org.cmppgw.cmpp.pdu.MsgId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The window, flush batching, response timeouts and resends of {@link CmppSession}, on an EmbeddedChannel. */
class CmppSessionTest extends EmbeddedSessionTestBase {
    private static final Duration TIMEOUT = Duration.ofSeconds(8);
    private static final CmppSessionConfig CONFIG = CmppSessionConfig.builder().windowSize(4).responseTimeout(TIMEOUT)
        .build();

    @Test
    void aWindowOfSubmitsGoesOutInOneFlush() {
        peer = EmbeddedSession.v30(CmppSessionConfig.builder().windowSize(16).build());
        RecordingResponseListener responses = new RecordingResponseListener(16);
        for (int i = 0; i < 16; i++) {
            assertThat(peer.session.trySend(TestPdus::submit, responses)).isTrue();
        }

        assertThat(peer.outboundBufferCount()).as("one write for the whole window").isEqualTo(1);
        List<Object> sent = peer.readOutbound();
        assertThat(sent).hasSize(16).allMatch(pdu -> pdu instanceof CmppSubmit);
        assertThat(((CmppSubmit) sent.get(0)).sequenceId()).as("CONNECT took 1").isEqualTo(2);
        assertThat(((CmppSubmit) sent.get(15)).sequenceId()).isEqualTo(17);
    }

    @Test
    void fullWindowRefusesWithoutBuildingThenFiresWindowAvailableOnceWhenResponsesDrainIt() {
        peer = EmbeddedSession.v30(CONFIG);
        RecordingResponseListener responses = new RecordingResponseListener(4);
        AtomicInteger built = new AtomicInteger();
        for (int i = 0; i < 4; i++) {
            assertThat(peer.session.trySend(seq -> {
                built.incrementAndGet();
                return TestPdus.submit(seq);
            }, responses)).isTrue();
        }

        assertThat(peer.session.trySend(seq -> {
            built.incrementAndGet();
            return TestPdus.submit(seq);
        }, responses)).as("window full").isFalse();
        assertThat(built).as("nothing built for a refused send").hasValue(4);
        assertThat(peer.session.windowAvailable()).isZero();
        List<Object> sent = peer.readOutbound();

        peer.writeInbound(TestPdus.submitResp(((CmppSubmit) sent.get(0)).sequenceId(), 1),
            TestPdus.submitResp(((CmppSubmit) sent.get(1)).sequenceId(), 2));

        assertThat(peer.listener.windowAvailable).as("one callback per read batch").hasValue(1);
        assertThat(peer.session.windowAvailable()).isEqualTo(2);
        assertThat(peer.session.inFlight()).isEqualTo(2);
        assertThat(responses.only(((CmppSubmit) sent.get(0)).sequenceId())).isInstanceOf(CmppSubmitResp.class);
        assertThat(responses.total()).isEqualTo(2);
    }

    @Test
    void unansweredRequestIsResentWithTheSameSequenceIdAndBytesAndSucceedsOnTheSecondSend() {
        peer = EmbeddedSession.v30(CONFIG);
        RecordingResponseListener responses = new RecordingResponseListener(1);
        peer.session.trySend(TestPdus::submit, responses);
        List<String> first = peer.readOutboundFrames();

        peer.advance(TIMEOUT.minusSeconds(1));
        assertThat(peer.readOutboundFrames()).as("not yet").isEmpty();
        peer.advance(Duration.ofSeconds(2));
        List<String> second = peer.readOutboundFrames();

        assertThat(second).as("resend: same Sequence_Id, same bytes").isEqualTo(first);
        assertThat(peer.session.resends()).isEqualTo(1);
        int seq = ((CmppSubmit) TestPdus.decode(first.get(0), CmppVersion.V30)).sequenceId();
        peer.writeInbound(TestPdus.submitResp(seq, 42));
        assertThat(responses.only(seq)).isEqualTo(TestPdus.submitResp(seq, 42));

        peer.advance(TIMEOUT.multipliedBy(4));
        assertThat(peer.readOutboundFrames()).as("no resend once answered").isEmpty();
        assertThat(responses.total()).isEqualTo(1);
    }

    @Test
    void requestFailsWithResponseTimeoutAfterMaxSendsAndALateResponseIsIgnored() {
        peer = EmbeddedSession.v30(CONFIG);
        RecordingResponseListener responses = new RecordingResponseListener(1);
        peer.session.trySend(TestPdus::submit, responses);
        List<String> frames = new ArrayList<>(peer.readOutboundFrames());

        for (int i = 0; i < 4; i++) {
            peer.advance(TIMEOUT.plusSeconds(1));
            frames.addAll(peer.readOutboundFrames());
        }

        assertThat(frames).as("maxSends = 3 sends in total").hasSize(3).containsOnly(frames.get(0));
        int seq = ((CmppSubmit) TestPdus.decode(frames.get(0), CmppVersion.V30)).sequenceId();
        assertThat(responses.only(seq)).isInstanceOfSatisfying(CmppResponseTimeoutException.class,
            e -> assertThat(e.sends()).isEqualTo(3));
        assertThat(peer.session.windowAvailable()).as("slot freed").isEqualTo(4);

        peer.writeInbound(TestPdus.submitResp(seq, 1));
        assertThat(peer.session.lateResponses()).isEqualTo(1);
        assertThat(peer.listener.unmatched).as("the application hears of it").singleElement()
            .extracting(CmppResponse::sequenceId).isEqualTo(seq);
        assertThat(responses.total()).as("still exactly one callback").isEqualTo(1);
        assertThat(peer.channel.isActive()).isTrue();
    }

    @Test
    void activeTestIsAnsweredAtOnceWhileTheWindowIsFull() {
        peer = EmbeddedSession.v30(CONFIG);
        RecordingResponseListener responses = new RecordingResponseListener(4);
        while (peer.session.trySend(TestPdus::submit, responses)) {
            // fill the window
        }
        peer.readOutbound();

        peer.writeInbound(new CmppActiveTest(77));

        assertThat(peer.readOutbound()).containsExactly(new CmppActiveTestResp(77));
        assertThat(peer.listener.requests).as("never reaches the app").isEmpty();
    }

    @Test
    void responseWithTheWrongCommandForItsSequenceIdFailsThatRequest() {
        peer = EmbeddedSession.v30(CONFIG);
        RecordingResponseListener responses = new RecordingResponseListener(1);
        int seq = peer.submit(1, responses)[0];

        peer.writeInbound(new CmppDeliverResp(seq, MsgId.ZERO, 0));

        assertThat(responses.only(seq)).isInstanceOfSatisfying(CmppProtocolException.class,
            e -> assertThat(e).hasMessageContaining("CMPP_DELIVER_RESP answers CMPP_SUBMIT"));
        assertThat(peer.session.inFlight()).isZero();
    }

    @Test
    void malformedResponseFailsItsRequestWithTheCodecExceptionAndKeepsTheChannel() {
        peer = EmbeddedSession.v30(CONFIG);
        RecordingResponseListener responses = new RecordingResponseListener(1);
        int seq = peer.submit(1, responses)[0];

        // SUBMIT_RESP with a 2-byte Result: Total_Length 12 + 8 + 2.
        peer.channel.writeInbound(io.netty.buffer.Unpooled.buffer().writeInt(22).writeInt(0x80000004).writeInt(seq)
            .writeLong(9).writeShort(0));

        assertThat(responses.only(seq)).isInstanceOf(CmppCodecException.class);
        assertThat(peer.channel.isActive()).isTrue();
    }

    @Test
    void sendFutureCompletesWithTheResponseOrFailsFastWhenFullOrClosed() {
        peer = EmbeddedSession.v30(CmppSessionConfig.builder().windowSize(1).build());
        Future<CmppResponse> ok = peer.session.send(TestPdus::submit);
        Future<CmppResponse> full = peer.session.send(TestPdus::submit);
        assertThat(full.cause()).isInstanceOf(CmppWindowFullException.class)
            .hasMessageContaining("window full (inflight=1, max=1)");
        int seq = ((CmppSubmit) peer.readOutbound().get(0)).sequenceId();

        peer.writeInbound(TestPdus.submitResp(seq, 5));
        assertThat(ok.getNow()).isEqualTo(TestPdus.submitResp(seq, 5));

        peer.channel.close();
        assertThat(peer.session.send(TestPdus::submit).cause()).isInstanceOf(CmppSessionClosedException.class);
        assertThat(peer.session.trySend(TestPdus::submit, new RecordingResponseListener(0))).isFalse();
        peer.session.respond(TestPdus.submitResp(9, 9));
        assertThat(peer.readOutbound()).as("respond after close is dropped").isEmpty();
    }

    @Test
    void trySendRejectsARequestWithAnotherSequenceIdOrASessionCommand() {
        peer = EmbeddedSession.v30(CONFIG);
        RecordingResponseListener responses = new RecordingResponseListener(0);

        assertThatThrownBy(() -> peer.session.trySend(seq -> TestPdus.submit(seq + 1), responses))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("request.sequenceId");
        assertThatThrownBy(() -> peer.session.trySend(CmppTerminate::new, responses))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CMPP_TERMINATE");
        assertThat(peer.session.inFlight()).as("nothing taken by the rejected requests").isZero();
        assertThat(peer.session.trySend(TestPdus::submit, responses)).isTrue();
        assertThat(peer.session.inFlight()).isEqualTo(1);
    }

    @Test
    void requestThatCannotBeEncodedOnThisVersionIsRejectedBeforeTakingASlot() {
        peer = EmbeddedSession.client(CmppVersion.V20, CONFIG, true);
        RecordingResponseListener responses = new RecordingResponseListener(0);

        assertThatThrownBy(() -> peer.session.trySend(seq -> TestPdus.submit(seq).toBuilder()
            .linkId("L".repeat(20)).build(), responses))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("linkId");

        assertThat(peer.session.inFlight()).isZero();
        assertThat(peer.session.trySend(TestPdus::submit, responses)).isTrue();
        assertThat(peer.readOutbound()).hasSize(1);
    }
}
