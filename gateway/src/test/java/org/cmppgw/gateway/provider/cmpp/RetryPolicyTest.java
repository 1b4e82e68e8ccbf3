package org.cmppgw.gateway.provider.cmpp;

import org.cmppgw.cmpp.pdu.CmppSubmitResp;
import org.cmppgw.cmpp.sms.Segmenter;
import org.cmppgw.cmpp.sms.SegmenterOptions;
import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.cmppgw.gateway.model.MessagePriority;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.provider.DispatchListener;
import org.cmppgw.gateway.provider.OutboundSms;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every branch of the resubmit and flow-control policy, without a session (docs/cmpp-protocol.md §11.2, §12.2, §12.3).
 */
class RetryPolicyTest {
    private static final long MIN = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long MAX = TimeUnit.MILLISECONDS.toNanos(200);

    private final List<String> outcomes = new ArrayList<>();
    private final List<PartTask> resent = new ArrayList<>();
    private final List<Long> jitterBounds = new ArrayList<>();
    private int possibleDuplicates;
    private long jitter;

    private final RetryPolicy policy = new RetryPolicy(
        PoolSettings.defaults().withFlowControl(3, Duration.ofNanos(MIN), Duration.ofNanos(MAX)),
        bound -> {
            jitterBounds.add(bound);
            return jitter;
        },
        new PartOutcomes() {
            @Override
            public void accepted(PartTask task, long carrierMsgId) {
                outcomes.add("accepted " + task.index);
            }

            @Override
            public void rejected(PartTask task, int result) {
                outcomes.add("rejected " + task.index + " " + result);
            }

            @Override
            public void unknown(PartTask task) {
                outcomes.add("unknown " + task.index);
            }

            @Override
            public void dropped(PartTask task) {
                outcomes.add("dropped " + task.index);
            }
        },
        resent::add,
        new GatewayMetrics() {
            @Override
            public void resentAfterCrash(int count) {
                possibleDuplicates += count;
            }
        });

    private static OutboundSms sms(int parts) {
        String text = parts == 1 ? "【签名】hello" : "【签名】" + "长短信".repeat(40);
        OutboundMessage message = new OutboundMessage(42, "app", "13800138000", text, 0, 5, null, parts,
            Instant.EPOCH);
        OutboundSms sms = new OutboundSms(message, new Segmenter(SegmenterOptions.defaults()).split(text),
            MessagePriority.NORMAL, DispatchListener.NONE);
        assertThat(sms.partCount()).isEqualTo(parts);
        return sms;
    }

    @Test
    void flowControlPausesForAJitteredTimeWithinTheBoundsAndSendsTheSamePartAgain() {
        PartTask task = new PartTask(sms(1), 0);

        jitter = 0;
        assertThat(policy.refused(task, CmppSubmitResp.RESULT_FLOW_CONTROL)).isEqualTo(MIN);
        jitter = MAX - MIN;
        assertThat(policy.refused(task, CmppSubmitResp.RESULT_FLOW_CONTROL)).isEqualTo(MAX);
        assertThat(jitterBounds).containsOnly(MAX - MIN);
        assertThat(task.flowControlTries).isEqualTo(2);
        assertThat(outcomes).as("not a failure").isEmpty();
        assertThat(resent).as("only once the session's pause is over").isEmpty();

        policy.sendAgain(task);

        assertThat(resent).containsExactly(task);
        assertThat(task.sms.isAbandoned()).isFalse();
        assertThat(possibleDuplicates).as("flow control is no duplicate").isZero();
    }

    @Test
    void flowControlGivesUpAfterMaxTriesAndFailsTheMessageWithResult8() {
        PartTask task = new PartTask(sms(1), 0);

        assertThat(policy.refused(task, CmppSubmitResp.RESULT_FLOW_CONTROL)).isNotEqualTo(RetryPolicy.NO_RETRY);
        assertThat(policy.refused(task, CmppSubmitResp.RESULT_FLOW_CONTROL)).isNotEqualTo(RetryPolicy.NO_RETRY);
        assertThat(policy.refused(task, CmppSubmitResp.RESULT_FLOW_CONTROL)).as("third of 3 tries")
            .isEqualTo(RetryPolicy.NO_RETRY);

        assertThat(outcomes).containsExactly("rejected 0 8");
        assertThat(task.sms.isAbandoned()).isTrue();
        assertThat(resent).isEmpty();
    }

    @Test
    void anyOtherResultFailsTheMessageAtOnce() {
        PartTask task = new PartTask(sms(1), 0);

        assertThat(policy.refused(task, 13)).isEqualTo(RetryPolicy.NO_RETRY);

        assertThat(outcomes).containsExactly("rejected 0 13");
        assertThat(task.sms.isAbandoned()).isTrue();
        assertThat(task.flowControlTries).isZero();
        assertThat(jitterBounds).isEmpty();
    }

    @Test
    void anUnknownOutcomeIsSentOnceMoreFirstInLineAndCountedAsAPossibleDuplicate() {
        PartTask task = new PartTask(sms(1), 0);

        policy.unknownOutcome(task);

        assertThat(resent).containsExactly(task);
        assertThat(task.resubmitted).isTrue();
        assertThat(possibleDuplicates).isEqualTo(1);
        assertThat(outcomes).isEmpty();
        assertThat(task.sms.isAbandoned()).isFalse();
    }

    @Test
    void unknownAgainAfterTheResendFailsTheMessageAsUnknown() {
        PartTask task = new PartTask(sms(1), 0);
        policy.unknownOutcome(task);

        policy.unknownOutcome(task);

        assertThat(resent).as("never a third send").containsExactly(task);
        assertThat(possibleDuplicates).isEqualTo(1);
        assertThat(outcomes).containsExactly("unknown 0");
        assertThat(task.sms.isAbandoned()).isTrue();
    }

    @Test
    void partsOfAnAbandonedMessageAreDroppedNotSent() {
        OutboundSms sms = sms(2);
        PartTask failed = new PartTask(sms, 0);
        PartTask inFlight = new PartTask(sms, 1);
        PartTask queued = new PartTask(sms, 1);
        assertThat(policy.dropIfAbandoned(queued)).as("message still alive").isFalse();

        policy.refused(failed, 13);
        policy.unknownOutcome(inFlight);

        assertThat(policy.dropIfAbandoned(queued)).isTrue();
        assertThat(outcomes).containsExactly("rejected 0 13", "dropped 1", "dropped 1");
        assertThat(resent).isEmpty();
        assertThat(possibleDuplicates).isZero();
    }

    @Test
    void randomJitterStaysWithinItsBound() {
        for (int i = 0; i < 1000; i++) {
            assertThat(RetryPolicy.randomJitter(3)).isBetween(0L, 3L);
        }
        assertThat(RetryPolicy.randomJitter(0)).isZero();
    }
}
