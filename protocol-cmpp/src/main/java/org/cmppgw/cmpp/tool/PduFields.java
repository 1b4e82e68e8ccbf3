package org.cmppgw.cmpp.tool;

import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.CommandId;
import org.cmppgw.cmpp.codec.CmppEncoder;
import org.cmppgw.cmpp.pdu.CmppActiveTestResp;
import org.cmppgw.cmpp.pdu.CmppCancel;
import org.cmppgw.cmpp.pdu.CmppCancelResp;
import org.cmppgw.cmpp.pdu.CmppConnect;
import org.cmppgw.cmpp.pdu.CmppConnectResp;
import org.cmppgw.cmpp.pdu.CmppDeliver;
import org.cmppgw.cmpp.pdu.CmppDeliverResp;
import org.cmppgw.cmpp.pdu.CmppPdu;
import org.cmppgw.cmpp.pdu.CmppQuery;
import org.cmppgw.cmpp.pdu.CmppQueryResp;
import org.cmppgw.cmpp.pdu.CmppSubmit;
import org.cmppgw.cmpp.pdu.CmppSubmitResp;
import org.cmppgw.cmpp.pdu.MsgContent;
import org.cmppgw.cmpp.pdu.MsgId;
import org.cmppgw.cmpp.pdu.StatusReport;

import java.util.ArrayList;
import java.util.List;

/**
 * Lists the fields of a PDU in wire order, named as in the golden vectors and the spec tables
 * (docs/cmpp-protocol.md §3, §6–§7, §17): {@code TP_pId} in SUBMIT but {@code TP_pid} in DELIVER, the trailer
 * {@code Reserve} on 2.0 and {@code LinkID} on 3.0, the status report as {@code Report.*}. A group send lists
 * {@code Dest_terminal_Id} once per number. Given the {@link WireLayout} of a received frame, a PDU a peer sent in a
 * tolerated variant (§15) is shown as it was on the wire: the report's own Msg_Length, a missing LinkID or Reserved
 * byte left out.
 */
public final class PduFields {
    private PduFields() {
    }

    /** The fields of {@code pdu} with the Total_Length it has in {@code version}'s layout. */
    public static List<PduField> of(CmppPdu pdu, CmppVersion version) {
        return of(pdu, version, CmppEncoder.of(version).totalLength(pdu));
    }

    /**
     * The fields of {@code pdu} in {@code version}'s layout, with another Total_Length (for callers without the
     * frame; the inspector passes the frame's {@link WireLayout} instead).
     */
    public static List<PduField> of(CmppPdu pdu, CmppVersion version, long totalLength) {
        WireLayout own = WireLayout.of(pdu, version);
        return of(pdu, version, new WireLayout(totalLength, own.reportLength(), own.trailerLength(),
            own.reservedByte(), List.of()));
    }

    /** The fields of {@code pdu} as they were laid out in a frame received on a {@code version} link. */
    public static List<PduField> of(CmppPdu pdu, CmppVersion version, WireLayout layout) {
        List<PduField> fields = new ArrayList<>();
        fields.add(PduField.number("Total_Length", layout.totalLength()));
        fields.add(PduField.text("Command_Id", CommandId.hex(pdu.commandId().code())));
        fields.add(PduField.number("Sequence_Id", Integer.toUnsignedLong(pdu.sequenceId())));
        switch (pdu.commandId()) {
            case CMPP_CONNECT -> connect((CmppConnect) pdu, fields);
            case CMPP_CONNECT_RESP -> connectResp((CmppConnectResp) pdu, fields);
            case CMPP_TERMINATE, CMPP_TERMINATE_RESP, CMPP_ACTIVE_TEST -> {
                // header only (§6.3, §6.4)
            }
            case CMPP_ACTIVE_TEST_RESP -> {
                if (layout.reservedByte()) {
                    fields.add(number("Reserved", ((CmppActiveTestResp) pdu).reserved()));
                }
            }
            case CMPP_SUBMIT -> submit((CmppSubmit) pdu, version, fields);
            case CMPP_SUBMIT_RESP -> msgIdAndResult(((CmppSubmitResp) pdu).msgId(), ((CmppSubmitResp) pdu).result(),
                fields);
            case CMPP_DELIVER -> deliver((CmppDeliver) pdu, version, layout, fields);
            case CMPP_DELIVER_RESP -> msgIdAndResult(((CmppDeliverResp) pdu).msgId(),
                ((CmppDeliverResp) pdu).result(), fields);
            case CMPP_QUERY -> query((CmppQuery) pdu, fields);
            case CMPP_QUERY_RESP -> queryResp((CmppQueryResp) pdu, fields);
            case CMPP_CANCEL -> fields.add(msgId("Msg_Id", ((CmppCancel) pdu).msgId()));
            case CMPP_CANCEL_RESP -> fields.add(number("Success_Id", ((CmppCancelResp) pdu).successId()));
        }
        return List.copyOf(fields);
    }

    private static void connect(CmppConnect pdu, List<PduField> fields) {
        fields.add(text("Source_Addr", pdu.sourceAddr()));
        fields.add(text("AuthenticatorSource", pdu.authenticatorSource().toHex()));
        fields.add(number("Version", pdu.version()));
        fields.add(number("Timestamp", pdu.timestamp()));
    }

    private static void connectResp(CmppConnectResp pdu, List<PduField> fields) {
        fields.add(number("Status", pdu.status()));
        fields.add(text("AuthenticatorISMG", pdu.authenticatorIsmg().toHex()));
        fields.add(number("Version", pdu.version()));
    }

    private static void msgIdAndResult(MsgId msgId, long result, List<PduField> fields) {
        fields.add(msgId("Msg_Id", msgId));
        fields.add(number("Result", result));
    }

    /** SUBMIT, the longest field list (§7.1). */
    private static void submit(CmppSubmit pdu, CmppVersion version, List<PduField> fields) {
        fields.add(msgId("Msg_Id", pdu.msgId()));
        fields.add(number("Pk_total", pdu.pkTotal()));
        fields.add(number("Pk_number", pdu.pkNumber()));
        fields.add(number("Registered_Delivery", pdu.registeredDelivery()));
        fields.add(number("Msg_level", pdu.msgLevel()));
        fields.add(text("Service_Id", pdu.serviceId()));
        fields.add(number("Fee_UserType", pdu.feeUserType()));
        fields.add(text("Fee_terminal_Id", pdu.feeTerminalId()));
        if (version.hasTerminalType()) {
            fields.add(number("Fee_terminal_type", pdu.feeTerminalType()));
        }
        fields.add(number("TP_pId", pdu.tpPid()));
        fields.add(number("TP_udhi", pdu.tpUdhi()));
        fields.add(number("Msg_Fmt", pdu.msgFmt()));
        fields.add(text("Msg_src", pdu.msgSrc()));
        fields.add(text("FeeType", pdu.feeType()));
        fields.add(text("FeeCode", pdu.feeCode()));
        fields.add(text("ValId_Time", pdu.validTime()));
        fields.add(text("At_Time", pdu.atTime()));
        fields.add(text("Src_Id", pdu.srcId()));
        fields.add(number("DestUsr_tl", pdu.destTerminalIds().size()));
        for (String dest : pdu.destTerminalIds()) {
            fields.add(text("Dest_terminal_Id", dest));
        }
        if (version.hasTerminalType()) {
            fields.add(number("Dest_terminal_type", pdu.destTerminalType()));
        }
        content(pdu.msgContent(), fields);
        fields.add(trailer(pdu.linkId(), version));
    }

    private static void deliver(CmppDeliver pdu, CmppVersion version, WireLayout layout, List<PduField> fields) {
        fields.add(msgId("Msg_Id", pdu.msgId()));
        fields.add(text("Dest_Id", pdu.destId()));
        fields.add(text("Service_Id", pdu.serviceId()));
        fields.add(number("TP_pid", pdu.tpPid()));
        fields.add(number("TP_udhi", pdu.tpUdhi()));
        fields.add(number("Msg_Fmt", pdu.msgFmt()));
        fields.add(text("Src_terminal_Id", pdu.srcTerminalId()));
        if (version.hasTerminalType()) {
            fields.add(number("Src_terminal_type", pdu.srcTerminalType()));
        }
        fields.add(number("Registered_Delivery", pdu.registeredDelivery()));
        if (pdu.payload() instanceof StatusReport report) {
            fields.add(number("Msg_Length", layout.reportLength()));
            fields.add(msgId("Report.Msg_Id", report.msgId()));
            fields.add(text("Report.Stat", report.stat()));
            fields.add(text("Report.Submit_time", report.submitTime()));
            fields.add(text("Report.Done_time", report.doneTime()));
            fields.add(text("Report.Dest_terminal_Id", report.destTerminalId()));
            fields.add(number("Report.SMSC_sequence", report.smscSequence()));
        } else {
            content((MsgContent) pdu.payload(), fields);
        }
        if (layout.trailerLength() > 0) {
            fields.add(trailer(pdu.linkId(), version));
        }
    }

    private static void query(CmppQuery pdu, List<PduField> fields) {
        fields.add(text("Time", pdu.time()));
        fields.add(number("Query_Type", pdu.queryType()));
        fields.add(text("Query_Code", pdu.queryCode()));
        fields.add(text("Reserve", pdu.reserve()));
    }

    /** Counter names as in the §7.7 table. */
    private static void queryResp(CmppQueryResp pdu, List<PduField> fields) {
        fields.add(text("Time", pdu.time()));
        fields.add(number("Query_Type", pdu.queryType()));
        fields.add(text("Query_Code", pdu.queryCode()));
        fields.add(number("MT_TLMsg", pdu.mtTlMsg()));
        fields.add(number("MT_Tlusr", pdu.mtTlUsr()));
        fields.add(number("MT_Scs", pdu.mtScs()));
        fields.add(number("MT_WT", pdu.mtWt()));
        fields.add(number("MT_FL", pdu.mtFl()));
        fields.add(number("MO_Scs", pdu.moScs()));
        fields.add(number("MO_WT", pdu.moWt()));
        fields.add(number("MO_FL", pdu.moFl()));
    }

    private static void content(MsgContent content, List<PduField> fields) {
        fields.add(number("Msg_Length", content.length()));
        fields.add(text("Msg_Content", content.toHex()));
    }

    /** The last SUBMIT/DELIVER field: 8-byte Reserve on 2.0, 20-byte LinkID on 3.0 (§14). */
    private static PduField trailer(String value, CmppVersion version) {
        return text(trailerName(version), value);
    }

    static String trailerName(CmppVersion version) {
        return version == CmppVersion.V20 ? "Reserve" : "LinkID";
    }

    private static PduField msgId(String name, MsgId msgId) {
        return PduField.text(name, msgId.toUnsignedString());
    }

    private static PduField number(String name, long value) {
        return PduField.number(name, value);
    }

    private static PduField text(String name, String value) {
        return PduField.text(name, value);
    }
}
