package org.cmppgw.cmpp.pdu;

import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.CommandId;
import org.cmppgw.cmpp.auth.Authenticator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The PDU records refuse what no wire field can hold (docs/design.md §10 rules 4, 16), so invalid values never reach
 * the encoder, and never print an authenticator (docs/design.md §10 rule 6).
 */
class PduRecordsTest {
    private static final Authenticator AUTH = Authenticator.ofHex("ff90ac9be32cd5fe919779fcdc3b2c48");

    @Test
    void connectToStringDoesNotRevealTheAuthenticator() {
        CmppConnect connect = new CmppConnect(1, "901234", AUTH, 0x30, 1121225030L);
        assertThat(connect.toString()).contains("901234").contains("Authenticator[****]")
            .doesNotContain("ff90ac9b").doesNotContainIgnoringCase(AUTH.toHex());
        CmppConnectResp resp = new CmppConnectResp(1, 0, Authenticator.ismg(0, CmppVersion.V30, AUTH, "secret"),
            0x30);
        assertThat(resp.toString()).doesNotContain(resp.authenticatorIsmg().toHex()).doesNotContain("secret");
    }

    @Test
    void integerFieldsOutOfTheirWireRangeAreRefusedNettyStyle() {
        assertThatThrownBy(() -> new CmppActiveTestResp(1, 256)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("reserved: 256 (expected: 0..255)");
        assertThatThrownBy(() -> new CmppConnect(1, "901234", AUTH, -1, 0))
            .hasMessage("version: -1 (expected: 0..255)");
        assertThatThrownBy(() -> new CmppConnect(1, "901234", AUTH, 0x30, 0x100000000L))
            .hasMessage("timestamp: 4294967296 (expected: 0..4294967295)");
        assertThatThrownBy(() -> new CmppSubmitResp(1, MsgId.ZERO, -1))
            .hasMessage("result: -1 (expected: 0..4294967295)");
        assertThatThrownBy(() -> new CmppConnectResp(1, 0x100000000L, AUTH, 0x30))
            .hasMessage("status: 4294967296 (expected: 0..4294967295)");
        assertThatThrownBy(() -> new CmppCancelResp(1, -2)).hasMessage("successId: -2 (expected: 0..4294967295)");
        assertThatThrownBy(() -> new CmppQuery(1, "20251121", 256, "", ""))
            .hasMessage("queryType: 256 (expected: 0..255)");
        assertThatThrownBy(() -> new CmppQueryResp(1, "", 0, "", 0, 0, 0, 0, 0, 0, 0, -1))
            .hasMessage("moFl: -1 (expected: 0..4294967295)");
        assertThatThrownBy(() -> CmppSubmit.builder().destTerminalId("1").pkTotal(256).build())
            .hasMessage("pkTotal: 256 (expected: 0..255)");
        assertThatThrownBy(() -> new CmppDeliver(1, MsgId.ZERO, "", "", 0, 0x1FF, 0, "", 0, MsgContent.EMPTY, ""))
            .hasMessage("tpUdhi: 511 (expected: 0..255)");
    }

    @Test
    void octetStringsWiderThanTheirFieldAreRefused() {
        assertThatThrownBy(() -> new CmppConnect(1, "9012345", AUTH, 0x30, 0))
            .hasMessage("sourceAddr: \"9012345\" (expected: at most 6 characters)");
        assertThatThrownBy(() -> CmppSubmit.builder().destTerminalId("1").serviceId("ABCDEFGHIJK").build())
            .hasMessage("serviceId: \"ABCDEFGHIJK\" (expected: at most 10 characters)");
        assertThatThrownBy(() -> CmppSubmit.builder().destTerminalId("1").feeCode("1234567").build())
            .hasMessage("feeCode: \"1234567\" (expected: at most 6 characters)");
        assertThatThrownBy(() -> CmppSubmit.builder().destTerminalId("1").linkId("x".repeat(21)).build())
            .hasMessageStartingWith("linkId: ").hasMessageEndingWith("(expected: at most 20 characters)");
        assertThatThrownBy(() -> new CmppDeliver(1, MsgId.ZERO, "1".repeat(22), "", 0, 0, 0, "", 0,
            MsgContent.EMPTY, "")).hasMessageStartingWith("destId: ");
        assertThatThrownBy(() -> new StatusReport(MsgId.ZERO, "DELIVRD!", "", "", "", 0))
            .hasMessage("stat: \"DELIVRD!\" (expected: at most 7 characters)");
        assertThatThrownBy(() -> new CmppQuery(1, "2025112100", 0, "", ""))
            .hasMessage("time: \"2025112100\" (expected: at most 8 characters)");
    }

    @Test
    void octetStringsHoldOnlySingleByteCharactersWithoutNul() {
        assertThatThrownBy(() -> new CmppConnect(1, "90\u00001", AUTH, 0x30, 0))
            .hasMessageEndingWith("(expected: single-byte characters without NUL)");
        assertThatThrownBy(() -> CmppSubmit.builder().destTerminalId("1").serviceId("测试").build())
            .hasMessage("serviceId: \"测试\" (expected: single-byte characters without NUL)");
        assertThat(CmppSubmit.builder().destTerminalId("1").serviceId("caf\u00e9").build().serviceId())
            .isEqualTo("caf\u00e9");
    }

    @Test
    void aSubmitHasOneToNinetyNineDestinations() {
        assertThatThrownBy(() -> CmppSubmit.builder().build())
            .hasMessage("destTerminalIds: 0 numbers (expected: 1..99)");
        assertThatThrownBy(() -> CmppSubmit.builder().destTerminalIds(Collections.nCopies(100, "13800138000")).build())
            .hasMessage("destTerminalIds: 100 numbers (expected: 1..99)");
        assertThat(CmppSubmit.builder().destTerminalIds(Collections.nCopies(99, "13800138000")).build()
            .destTerminalIds()).hasSize(99);
        assertThatThrownBy(() -> CmppSubmit.builder().destTerminalId("1".repeat(33)).build())
            .hasMessageStartingWith("destTerminalIds: ");
    }

    @Test
    void aSubmitKeepsItsOwnCopyOfTheDestinations() {
        List<String> numbers = new ArrayList<>(List.of("13800138000"));
        CmppSubmit submit = CmppSubmit.builder().destTerminalIds(numbers).build();
        numbers.add("13900139000");
        assertThat(submit.destTerminalIds()).containsExactly("13800138000");
        assertThatThrownBy(() -> submit.destTerminalIds().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void requiredValuesAreNotNull() {
        assertThatThrownBy(() -> new CmppCancel(1, null)).isInstanceOf(NullPointerException.class)
            .hasMessage("msgId");
        assertThatThrownBy(() -> new CmppConnect(1, "901234", null, 0x30, 0)).hasMessage("authenticatorSource");
        assertThatThrownBy(() -> new CmppDeliver(1, MsgId.ZERO, "", "", 0, 0, 0, "", 0, null, ""))
            .hasMessage("payload");
        assertThatThrownBy(() -> CmppSubmit.builder().destTerminalId("1").msgContent(null).build())
            .hasMessage("msgContent");
    }

    @Test
    void msgContentHoldsAtMost255BytesWithContentEquality() {
        assertThatThrownBy(() -> MsgContent.of(new byte[256])).hasMessage("msgContent: 256 bytes (expected: 0..255)");
        byte[] bytes = {0x4f, 0x60};
        MsgContent content = MsgContent.of(bytes);
        bytes[0] = 0;
        assertThat(content).isEqualTo(MsgContent.ofHex("4F60")).hasSameHashCodeAs(MsgContent.ofHex("4f60"));
        assertThat(content.toHex()).isEqualTo("4f60");
        assertThat(content.length()).isEqualTo(2);
        assertThat(MsgContent.of(new byte[] {1, 2, 3, 4}, 1, 2)).isEqualTo(MsgContent.ofHex("0203"));
    }

    @Test
    void aDeliverIsEitherAnMoMessageOrAStatusReport() {
        StatusReport report = new StatusReport(MsgId.ZERO, "DELIVRD", "2511212250", "2511212251", "13800138000", 1);
        CmppDeliver dr = CmppDeliver.report(100, new MsgId(7), "1069000001", "TEST", report);
        assertThat(dr.isReport()).isTrue();
        assertThat(dr.registeredDelivery()).isEqualTo(1);
        assertThat(dr.report().delivered()).isTrue();
        assertThat(dr.srcTerminalId()).isEqualTo("13800138000");
        assertThatThrownBy(dr::content).isInstanceOf(IllegalStateException.class)
            .hasMessage("deliver 0000000000000007 - is a status report, not an MO message");
        CmppDeliver mo = new CmppDeliver(101, new MsgId(8), "10690000011234", "TEST", 0, 1, 8, "13800138000", 0,
            MsgContent.ofHex("0500035a0201"), "LK1");
        assertThat(mo.registeredDelivery()).isZero();
        assertThat(mo.hasUdh()).isTrue();
        assertThatThrownBy(mo::report).hasMessage("deliver 0000000000000008 - is an MO message, not a status report");
        assertThat(mo.withSequenceId(5)).isEqualTo(new CmppDeliver(5, new MsgId(8), "10690000011234", "TEST", 0, 1,
            8, "13800138000", 0, MsgContent.ofHex("0500035a0201"), "LK1"));
    }

    @Test
    void acceptedIsNotFinalAndOnlyDelivrdIsDelivered() {
        assertThat(new StatusReport(MsgId.ZERO, "ACCEPTD", "", "", "", 0).isFinal()).isFalse();
        assertThat(new StatusReport(MsgId.ZERO, "UNDELIV", "", "", "", 0).isFinal()).isTrue();
        assertThat(new StatusReport(MsgId.ZERO, "UNDELIV", "", "", "", 0).delivered()).isFalse();
    }

    @Test
    void everyRecordAnswersItsCommandId() {
        assertThat(new CmppActiveTest(1).commandId()).isEqualTo(CommandId.CMPP_ACTIVE_TEST);
        assertThat(new CmppTerminate(1).commandId().response()).isEqualTo(new CmppTerminateResp(1).commandId());
        assertThat(new CmppCancel(1, MsgId.ZERO).commandId().response())
            .isEqualTo(new CmppCancelResp(1, 0).commandId());
        assertThat(new CmppQuery(1, "", 0, "", "").withSequenceId(9).sequenceId()).isEqualTo(9);
        assertThat(CmppSubmit.builder().destTerminalId("1").tpUdhi(0x40).build().hasUdh()).isTrue();
        assertThat(new CmppActiveTestResp(3)).isEqualTo(new CmppActiveTestResp(3, 0));
    }
}
