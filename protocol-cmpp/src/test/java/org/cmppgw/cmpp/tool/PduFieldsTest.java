package org.cmppgw.cmpp.tool;

import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.auth.Authenticator;
import org.cmppgw.cmpp.pdu.CmppActiveTestResp;
import org.cmppgw.cmpp.pdu.CmppCancelResp;
import org.cmppgw.cmpp.pdu.CmppConnectResp;
import org.cmppgw.cmpp.pdu.CmppDeliver;
import org.cmppgw.cmpp.pdu.CmppDeliverResp;
import org.cmppgw.cmpp.pdu.CmppPdu;
import org.cmppgw.cmpp.pdu.CmppQueryResp;
import org.cmppgw.cmpp.pdu.CmppSubmit;
import org.cmppgw.cmpp.pdu.CmppSubmitResp;
import org.cmppgw.cmpp.pdu.CmppTerminateResp;
import org.cmppgw.cmpp.pdu.MsgContent;
import org.cmppgw.cmpp.pdu.MsgId;
import org.cmppgw.cmpp.pdu.StatusReport;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Field names and value conventions of {@link PduFields} for what the shared vectors do not show (the vectors
 * themselves are checked field by field in GoldenVectorsTest): the spec's table names, per version.
 */
class PduFieldsTest {
    private static final List<String> HEADER = List.of("Total_Length", "Command_Id", "Sequence_Id");

    @Test
    void submitNamesDifferBetweenTheVersionsAsTheSpecTableDoes() {
        CmppSubmit submit = CmppSubmit.builder().destTerminalIds(List.of("13800138000", "13900139000"))
            .msgContent(MsgContent.ofHex("0041")).build();
        List<String> common = List.of("Msg_Id", "Pk_total", "Pk_number", "Registered_Delivery", "Msg_level",
            "Service_Id", "Fee_UserType", "Fee_terminal_Id");
        List<String> middle = List.of("TP_pId", "TP_udhi", "Msg_Fmt", "Msg_src", "FeeType", "FeeCode", "ValId_Time",
            "At_Time", "Src_Id", "DestUsr_tl", "Dest_terminal_Id", "Dest_terminal_Id");
        List<String> head = concat(HEADER, common);
        assertThat(names(submit, CmppVersion.V20)).containsExactlyElementsOf(concat(concat(head, middle),
            List.of("Msg_Length", "Msg_Content", "Reserve")));
        assertThat(names(submit, CmppVersion.V30)).containsExactlyElementsOf(concat(concat(concat(head,
            List.of("Fee_terminal_type")), middle), List.of("Dest_terminal_type", "Msg_Length", "Msg_Content",
            "LinkID")));
    }

    @Test
    void aStatusReportIsSpelledOutAsReportFieldsWithTheLinksReportLength() {
        StatusReport report = new StatusReport(new MsgId(-1), "DELIVRD", "2511212250", "2511212251", "13800138000",
            0xFFFFFFFFL);
        CmppDeliver deliver = CmppDeliver.report(7, MsgId.ZERO, "1069000001", "TEST", report);
        List<PduField> v20 = PduFields.of(deliver, CmppVersion.V20);
        assertThat(v20.stream().map(PduField::name)).containsExactly("Total_Length", "Command_Id", "Sequence_Id",
            "Msg_Id", "Dest_Id", "Service_Id", "TP_pid", "TP_udhi", "Msg_Fmt", "Src_terminal_Id",
            "Registered_Delivery", "Msg_Length", "Report.Msg_Id", "Report.Stat", "Report.Submit_time",
            "Report.Done_time", "Report.Dest_terminal_Id", "Report.SMSC_sequence", "Reserve");
        assertThat(value(v20, "Total_Length")).isEqualTo(145L);
        assertThat(value(v20, "Msg_Length")).isEqualTo(60L);
        assertThat(value(v20, "Report.Msg_Id")).isEqualTo("18446744073709551615");
        assertThat(value(v20, "Report.SMSC_sequence")).isEqualTo(4294967295L);
        List<PduField> v30 = PduFields.of(deliver, CmppVersion.V30);
        assertThat(value(v30, "Msg_Length")).isEqualTo(71L);
        assertThat(value(v30, "Src_terminal_type")).isEqualTo(0L);
        assertThat(value(v30, "LinkID")).isEqualTo("");
    }

    @Test
    void responsesNoVectorShowsUseTheSpecNames() {
        Authenticator auth = Authenticator.ofHex("f424c28c8a84b37d50f53dee6b9aa1b1");
        assertThat(names(new CmppConnectResp(1, 0, auth, 0x20), CmppVersion.V20))
            .containsExactlyElementsOf(concat(HEADER, List.of("Status", "AuthenticatorISMG", "Version")));
        assertThat(names(new CmppSubmitResp(2, MsgId.ZERO, 0), CmppVersion.V20))
            .containsExactlyElementsOf(concat(HEADER, List.of("Msg_Id", "Result")));
        assertThat(names(new CmppDeliverResp(2, MsgId.ZERO, 0), CmppVersion.V30))
            .containsExactlyElementsOf(concat(HEADER, List.of("Msg_Id", "Result")));
        assertThat(names(new CmppCancelResp(2, 0), CmppVersion.V20))
            .containsExactlyElementsOf(concat(HEADER, List.of("Success_Id")));
        assertThat(names(new CmppTerminateResp(2), CmppVersion.V30)).containsExactlyElementsOf(HEADER);
        assertThat(names(new CmppActiveTestResp(2), CmppVersion.V30))
            .containsExactlyElementsOf(concat(HEADER, List.of("Reserved")));
        assertThat(names(new CmppQueryResp(8, "20251121", 1, "TEST", 1, 2, 3, 4, 5, 6, 7, 8), CmppVersion.V30))
            .containsExactlyElementsOf(concat(HEADER, List.of("Time", "Query_Type", "Query_Code", "MT_TLMsg",
                "MT_Tlusr", "MT_Scs", "MT_WT", "MT_FL", "MO_Scs", "MO_WT", "MO_FL")));
    }

    @Test
    void valuesFollowTheVectorConventions() {
        Authenticator auth = Authenticator.ofHex("F424C28C8A84B37D50F53DEE6B9AA1B1");
        List<PduField> fields = PduFields.of(new CmppConnectResp(-1, 3, auth, 0x30), CmppVersion.V30, 33);
        assertThat(fields).containsExactly(PduField.number("Total_Length", 33),
            PduField.text("Command_Id", "0x80000001"), PduField.number("Sequence_Id", 4294967295L),
            PduField.number("Status", 3), PduField.text("AuthenticatorISMG", "f424c28c8a84b37d50f53dee6b9aa1b1"),
            PduField.number("Version", 48));
        assertThat(fields.get(0).isNumber()).isTrue();
        assertThat(fields.get(1).isNumber()).isFalse();
    }

    @Test
    void theTotalLengthIsTheFramesOrElseTheLayouts() {
        CmppSubmitResp resp = new CmppSubmitResp(2, MsgId.ZERO, 0);
        assertThat(PduFields.of(resp, CmppVersion.V20).get(0)).isEqualTo(PduField.number("Total_Length", 21));
        assertThat(PduFields.of(resp, CmppVersion.V30).get(0)).isEqualTo(PduField.number("Total_Length", 24));
        assertThat(PduFields.of(resp, CmppVersion.V30, 21).get(0)).isEqualTo(PduField.number("Total_Length", 21));
    }

    @Test
    void aWireLayoutShowsWhatWasReceivedAndTheOwnLayoutHasNoVariant() {
        CmppActiveTestResp resp = new CmppActiveTestResp(5, 0);
        assertThat(WireLayout.of(resp, CmppVersion.V30)).isEqualTo(new WireLayout(13, 71, 20, true, List.of()));
        WireLayout headerOnly = new WireLayout(12, 71, 20, false, List.of("no Reserved byte"));
        assertThat(PduFields.of(resp, CmppVersion.V30, headerOnly)).containsExactly(
            PduField.number("Total_Length", 12), PduField.text("Command_Id", "0x80000008"),
            PduField.number("Sequence_Id", 5));

        StatusReport report = new StatusReport(MsgId.ZERO, "DELIVRD", "2511212250", "2511212251", "13800138000", 1);
        CmppDeliver deliver = CmppDeliver.report(7, MsgId.ZERO, "1069000001", "TEST", report);
        List<PduField> short20 = PduFields.of(deliver, CmppVersion.V30, new WireLayout(149, 60, 0, true, List.of()));
        assertThat(value(short20, "Msg_Length")).isEqualTo(60L);
        assertThat(short20.stream().map(PduField::name)).doesNotContain("LinkID");
        assertThatThrownBy(() -> new WireLayout(12, 0, 0, true, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theListIsImmutableAndFieldsHoldOnlyNumbersOrText() {
        List<PduField> fields = PduFields.of(new CmppTerminateResp(1), CmppVersion.V20);
        assertThatThrownBy(() -> fields.add(PduField.number("x", 1)))
            .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new PduField("Version", 48)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("value: 48 (expected: a Long or a String)");
        assertThatThrownBy(() -> new PduField("Version", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PduField.text(null, "")).isInstanceOf(NullPointerException.class);
    }

    private static List<String> names(CmppPdu pdu, CmppVersion version) {
        return PduFields.of(pdu, version).stream().map(PduField::name).toList();
    }

    private static Object value(List<PduField> fields, String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().value();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
