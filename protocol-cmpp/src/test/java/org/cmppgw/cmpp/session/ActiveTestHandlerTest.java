package org.cmppgw.cmpp.session;

import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import org.cmppgw.cmpp.pdu.CmppActiveTest;
import org.cmppgw.cmpp.pdu.CmppActiveTestResp;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The heartbeat, driven by reader-idle events. IdleStateHandler reads {@code System.nanoTime()}, which
 * {@code advanceTimeBy} cannot move, so the events are fired directly; the socket test covers the real timer.
 */
class ActiveTestHandlerTest extends EmbeddedSessionTestBase {
    private static final CmppSessionConfig CONFIG = CmppSessionConfig.builder().activeTestIdle(Duration.ofSeconds(30))
        .activeTestMaxMissed(3).build();

    @Test
    void pipelineDetectsReaderIdleAfterActiveTestIdle() {
        peer = EmbeddedSession.v30(CONFIG);
        IdleStateHandler idle = (IdleStateHandler) peer.channel.pipeline().get(CmppPipeline.IDLE);
        assertThat(idle.getReaderIdleTimeInMillis()).isEqualTo(30_000);
        assertThat(idle.getWriterIdleTimeInMillis()).as("no per-write promise").isZero();
        assertThat(idle.getAllIdleTimeInMillis()).isZero();
    }

    @Test
    void idleLinkGetsActiveTestsAndClosesAfterMaxMissedUnanswered() {
        peer = EmbeddedSession.v30(CONFIG);
        RecordingResponseListener responses = new RecordingResponseListener(1);
        int seq = peer.submit(1, responses)[0];

        for (int i = 0; i < 3; i++) {
            peer.channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
            List<Object> out = peer.readOutbound();
            assertThat(out).hasSize(1).first().isInstanceOf(CmppActiveTest.class);
            assertThat(peer.channel.isActive()).isTrue();
        }
        peer.channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);

        assertThat(peer.channel.isOpen()).isFalse();
        assertThat(peer.listener.closedOnce()).isInstanceOf(CmppSessionClosedException.class)
            .hasMessageContaining("3 ACTIVE_TEST unanswered, dead peer");
        assertThat(responses.only(seq)).isInstanceOf(CmppSessionClosedException.class);
    }

    @Test
    void anyInboundPduCountsAsLife() {
        peer = EmbeddedSession.v30(CONFIG);
        ActiveTestHandler handler = (ActiveTestHandler) peer.channel.pipeline().get(CmppPipeline.ACTIVE_TEST);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 3; i++) {
                peer.channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
            }
            // A DELIVER (not an ACTIVE_TEST_RESP) resets the count.
            peer.writeInbound(TestPdus.report(100 + round, 1));
        }

        assertThat(peer.channel.isActive()).isTrue();
        assertThat(handler.sent()).isEqualTo(9);
        assertThat(peer.listener.requests).hasSize(3);
    }

    @Test
    void activeTestRespIsConsumedAndNeverReachesTheWindowOrTheApp() {
        peer = EmbeddedSession.v30(CONFIG);
        peer.channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        CmppActiveTest test = (CmppActiveTest) peer.readOutbound().get(0);

        peer.writeInbound(new CmppActiveTestResp(test.sequenceId()));

        assertThat(peer.session.lateResponses()).isZero();
        assertThat(peer.listener.requests).isEmpty();
        assertThat(peer.channel.isActive()).isTrue();
    }
}
