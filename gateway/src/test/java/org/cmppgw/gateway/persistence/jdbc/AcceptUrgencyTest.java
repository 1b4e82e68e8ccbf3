package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.model.MessagePriority;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.persistence.QueueEntry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An accept that carries a verification code (high priority) is stored ahead of queued campaign batches. */
class AcceptUrgencyTest {
    private static QueueEntry entry(long id, MessagePriority priority) {
        OutboundMessage m = new OutboundMessage(id, "app", "13800138000", "hello", 7, 5, null, 1,
            Instant.parse("2026-12-04T20:00:00Z"));
        return new QueueEntry(m, null, priority, "p", 0, 1_000, false);
    }

    @Test
    void anAcceptWithAHighPriorityMessageIsUrgentAndACampaignIsNot() {
        assertThat(new AcceptPhase.Accept(List.of(entry(1, MessagePriority.HIGH)), null).urgent()).isTrue();
        assertThat(new AcceptPhase.Accept(List.of(entry(1, MessagePriority.LOW), entry(2, MessagePriority.HIGH)),
            null).urgent()).isTrue();
        assertThat(new AcceptPhase.Accept(List.of(entry(1, MessagePriority.LOW), entry(2, MessagePriority.NORMAL)),
            null).urgent()).isFalse();
    }
}
