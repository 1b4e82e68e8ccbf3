package org.cmppgw.gateway.provider.cmpp;

import org.cmppgw.cmpp.sms.Segmenter;
import org.cmppgw.cmpp.sms.SegmenterOptions;
import org.cmppgw.gateway.model.MessagePriority;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.provider.DispatchListener;
import org.cmppgw.gateway.provider.OutboundSms;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LostPartsTest {
    static PartTask part(long msgId) {
        OutboundMessage message = new OutboundMessage(msgId, "app", "13800138000", "hello", 0, 5, null, 1,
            Instant.EPOCH);
        OutboundSms sms = new OutboundSms(message, new Segmenter(SegmenterOptions.defaults()).split("hello"),
            MessagePriority.NORMAL, DispatchListener.NONE);
        return new PartTask(sms, 0);
    }

    @Test
    void aLostPartGoesOnlyToASessionAliveSinceItWasLostOldestFirst() {
        LostParts lost = new LostParts();
        PartTask first = part(1);
        PartTask second = part(2);
        lost.add(first, 1_000);
        lost.add(second, 2_000);

        assertThat(lost.isEmpty()).isFalse();
        assertThat(lost.pollFor(999)).as("a session last heard of before the loss: maybe as dead").isNull();
        assertThat(lost.pollFor(1_000)).as("not after the loss").isNull();
        assertThat(lost.pollFor(1_500)).isSameAs(first);
        assertThat(lost.pollFor(1_500)).as("lost after that session was last heard of").isNull();
        assertThat(lost.pollFor(2_001)).isSameAs(second);
        assertThat(lost.isEmpty()).isTrue();
        assertThat(lost.pollFor(Long.MAX_VALUE)).isNull();
    }
}
