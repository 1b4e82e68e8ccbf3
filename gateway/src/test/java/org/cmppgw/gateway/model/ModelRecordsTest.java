package org.cmppgw.gateway.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelRecordsTest {
    private static final Instant AT = Instant.parse("2026-01-05T08:00:00Z");

    private static OutboundMessage message(String mobile, int priority, int parts) {
        return new OutboundMessage(1, "app", mobile, "【sig】hi", 0, priority, null, parts, AT);
    }

    @Test
    void outboundMessageChecksItsFields() {
        assertThat(message("13800138000", 9, 255).hasCallback()).isFalse();
        assertThatThrownBy(() -> message("1380013800a", 5, 1)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("mobile: \"1380013800a\" (expected: digits only)");
        assertThatThrownBy(() -> message("13800138000", 10, 1)).hasMessage("priority: 10 (expected: 0..9)");
        assertThatThrownBy(() -> message("13800138000", 5, 0)).hasMessage("parts: 0 (expected: 1..255)");
        assertThatThrownBy(() -> new OutboundMessage(0, "app", "1", "x", 0, 0, null, 1, AT))
            .hasMessage("msgId: 0 (expected: > 0)");
        assertThatThrownBy(() -> new OutboundMessage(1, "app", "1", "x".repeat(1001), 0, 0, null, 1, AT))
            .hasMessageStartingWith("content: ");
        assertThatThrownBy(() -> new OutboundMessage(1, "app", "1", "x", 0, 0, "", 1, AT))
            .hasMessage("callbackUrl: \"\" (expected: 1..512 characters)");
    }

    @Test
    void submitOutcomeNamesItsRejection() {
        SubmitOutcome rejected = new SubmitOutcome(1, 2, 3, "cmcc-1", 0, 13, AT);
        SubmitOutcome vendor = new SubmitOutcome(1, 1, 1, "cmcc-1", 0, 123_456, AT);

        assertThat(rejected.accepted()).isFalse();
        assertThat(rejected.rejectionStat()).isEqualTo("SR:0013");
        assertThat(vendor.rejectionStat()).isEqualTo("SR:123456");
        assertThat(new SubmitOutcome(1, 1, 1, "cmcc-1", 42, 0, AT).accepted()).isTrue();
        assertThatThrownBy(() -> new SubmitOutcome(1, 4, 3, "cmcc-1", 0, 0, AT))
            .hasMessage("partNumber: 4 (expected: 1..3)");
    }

    @Test
    void carrierReportKnowsDeliveredAndInterimStats() {
        assertThat(new CarrierReport("p", 1, "DELIVRD", "", AT).delivered()).isTrue();
        assertThat(new CarrierReport("p", 1, "AF:4", "", AT).delivered()).isFalse();
        assertThat(new CarrierReport("p", 1, "ACCEPTD", "", AT).isFinal()).isFalse();
        assertThat(new CarrierReport("p", 1, "UNDELIV", "", AT).isFinal()).isTrue();
        assertThatThrownBy(() -> new CarrierReport("p", 1, "TOOLONG1", "", AT))
            .hasMessage("stat: \"TOOLONG1\" (expected: 0..7 characters)");
    }

    @Test
    void finalReportAndStoredMessageAreConsistent() {
        OutboundMessage m = message("13800138000", 5, 1);
        FinalReport report = new FinalReport(1, "13800138000", MessageStatus.FAILED, "UNDELIV", AT);

        assertThat(report.type()).isEqualTo(CallbackType.SMS_REPORT);
        assertThat(new StoredMessage(m, MessageStatus.FAILED, report).finalReport()).isEqualTo(report);
        assertThatThrownBy(() -> new FinalReport(1, "1", MessageStatus.SUBMITTED, "x", AT))
            .hasMessage("status: SUBMITTED (expected: DELIVERED or FAILED)");
        assertThatThrownBy(() -> new StoredMessage(m, MessageStatus.SUBMITTED, report))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StoredMessage(m, MessageStatus.DELIVERED, null))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void moNeedsAnAppForItsCallback() {
        MoMessage mo = new MoMessage(1, "p", 9, "app", "http://x", "13800138000", "10690001", "TD", AT);

        assertThat(mo.type()).isEqualTo(CallbackType.SMS_REPLY);
        assertThat(new CallbackTask(5, "app", "http://x", 1, mo).type()).isEqualTo(CallbackType.SMS_REPLY);
        assertThatThrownBy(() -> new MoMessage(1, "p", 9, null, "http://x", "1", "1", "TD", AT))
            .hasMessage("callbackUrl: http://x (expected: null without an appKey)");
        assertThatThrownBy(() -> new CallbackTask(5, "app", "http://x", 0, mo))
            .hasMessage("attempts: 0 (expected: >= 1)");
    }

    @Test
    void everyCallbackTypeAndPayloadNamesItsChannelAndEveryStoredMessageIsAnSms() {
        assertThat(CallbackType.SMS_REPORT.channel()).isEqualTo(Channel.SMS);
        assertThat(CallbackType.SMS_REPLY.channel()).isEqualTo(Channel.SMS);
        assertThat(CallbackType.EMAIL_REPORT.channel()).isEqualTo(Channel.EMAIL);
        assertThat(new FinalReport(1, "13800138000", MessageStatus.DELIVERED, "DELIVRD", AT).channel())
            .isEqualTo(Channel.SMS);
        assertThat(new MoMessage(1, "p", 9, "app", "http://x", "13800138000", "10690001", "TD", AT).channel())
            .isEqualTo(Channel.SMS);
        assertThat(message("13800138000", 5, 1).channel()).isEqualTo(Channel.SMS);
    }

    @Test
    void storedCodesRoundTripAndUnknownCodesAreRefused() {
        for (MessageStatus status : MessageStatus.values()) {
            assertThat(MessageStatus.of(status.code())).isSameAs(status);
        }
        for (CallbackType type : CallbackType.values()) {
            assertThat(CallbackType.of(type.code())).isSameAs(type);
        }
        assertThat(MessageStatus.DELIVERED.isFinal()).isTrue();
        assertThat(MessageStatus.SUBMITTED.isFinal()).isFalse();
        assertThatThrownBy(() -> MessageStatus.of(4)).hasMessage("code: 4 (expected: 0..3)");
        assertThatThrownBy(() -> CallbackType.of(0)).hasMessage("code: 0 (expected: 1..7)");
    }
}
