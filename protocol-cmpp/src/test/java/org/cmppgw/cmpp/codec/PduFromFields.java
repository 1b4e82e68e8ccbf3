package org.cmppgw.cmpp.codec;

import com.fasterxml.jackson.databind.JsonNode;
import org.cmppgw.cmpp.CommandId;
import org.cmppgw.cmpp.auth.Authenticator;
import org.cmppgw.cmpp.pdu.CmppActiveTest;
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
import org.cmppgw.cmpp.pdu.CmppTerminate;
import org.cmppgw.cmpp.pdu.CmppTerminateResp;
import org.cmppgw.cmpp.pdu.DeliverPayload;
import org.cmppgw.cmpp.pdu.MsgContent;
import org.cmppgw.cmpp.pdu.MsgId;
import org.cmppgw.cmpp.pdu.StatusReport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a PDU from the field values a golden source states, with the record constructors and the SUBMIT builder,
 * never from a decoded PDU: the encoder's output can then be checked against the golden bytes independently of the
 * decoder (docs/cmpp-protocol.md §17 step 2). Length and count fields (Total_Length, Msg_Length, DestUsr_tl) are not
 * inputs; the encoder derives them, and the byte comparison checks them.
 */
public final class PduFromFields {
    private final Map<String, JsonNode> values = new LinkedHashMap<>();
    private final List<String> destinations = new ArrayList<>();

    private PduFromFields(List<GoldenField> fields) {
        for (GoldenField f : fields) {
            values.putIfAbsent(f.name(), f.value());
            if (f.name().equals("Dest_terminal_Id")) {
                destinations.add(f.value().asText());
            }
        }
    }

    public static CmppPdu build(List<GoldenField> fields) {
        return new PduFromFields(fields).build();
    }

    private CmppPdu build() {
        String commandId = text("Command_Id");
        int seq = (int) number("Sequence_Id");
        CommandId command = CommandId.of(Integer.parseUnsignedInt(commandId.substring(2), 16));
        return switch (command) {
            case CMPP_CONNECT -> new CmppConnect(seq, text("Source_Addr"), auth("AuthenticatorSource"),
                (int) number("Version"), number("Timestamp"));
            case CMPP_CONNECT_RESP -> new CmppConnectResp(seq, number("Status"), auth("AuthenticatorISMG"),
                (int) number("Version"));
            case CMPP_TERMINATE -> new CmppTerminate(seq);
            case CMPP_TERMINATE_RESP -> new CmppTerminateResp(seq);
            case CMPP_SUBMIT -> submit(seq);
            case CMPP_SUBMIT_RESP -> new CmppSubmitResp(seq, msgId("Msg_Id"), number("Result"));
            case CMPP_DELIVER -> deliver(seq);
            case CMPP_DELIVER_RESP -> new CmppDeliverResp(seq, msgId("Msg_Id"), number("Result"));
            case CMPP_QUERY -> new CmppQuery(seq, text("Time"), (int) number("Query_Type"), text("Query_Code"),
                text("Reserve"));
            case CMPP_QUERY_RESP -> new CmppQueryResp(seq, text("Time"), (int) number("Query_Type"),
                text("Query_Code"), number("MT_TLMsg"), number("MT_Tlusr"), number("MT_Scs"), number("MT_WT"),
                number("MT_FL"), number("MO_Scs"), number("MO_WT"), number("MO_FL"));
            case CMPP_CANCEL -> new CmppCancel(seq, msgId("Msg_Id"));
            case CMPP_CANCEL_RESP -> new CmppCancelResp(seq, number("Success_Id"));
            case CMPP_ACTIVE_TEST -> new CmppActiveTest(seq);
            // a 12-byte ACTIVE_TEST_RESP has no Reserved byte (§15 #4); the decoder reads it as 0
            case CMPP_ACTIVE_TEST_RESP -> new CmppActiveTestResp(seq, (int) numberOr("Reserved", 0));
        };
    }

    private CmppSubmit submit(int seq) {
        return CmppSubmit.builder().sequenceId(seq)
            .msgId(msgId("Msg_Id"))
            .pkTotal((int) number("Pk_total"))
            .pkNumber((int) number("Pk_number"))
            .registeredDelivery((int) number("Registered_Delivery"))
            .msgLevel((int) number("Msg_level"))
            .serviceId(text("Service_Id"))
            .feeUserType((int) number("Fee_UserType"))
            .feeTerminalId(text("Fee_terminal_Id"))
            .feeTerminalType((int) numberOr("Fee_terminal_type", 0))
            .tpPid((int) number("TP_pId"))
            .tpUdhi((int) number("TP_udhi"))
            .msgFmt((int) number("Msg_Fmt"))
            .msgSrc(text("Msg_src"))
            .feeType(text("FeeType"))
            .feeCode(text("FeeCode"))
            .validTime(text("ValId_Time"))
            .atTime(text("At_Time"))
            .srcId(text("Src_Id"))
            .destTerminalIds(destinations)
            .destTerminalType((int) numberOr("Dest_terminal_type", 0))
            .msgContent(MsgContent.ofHex(text("Msg_Content")))
            .linkId(trailer())
            .build();
    }

    private CmppDeliver deliver(int seq) {
        DeliverPayload payload;
        if (number("Registered_Delivery") == 1) {
            payload = new StatusReport(msgId("Report.Msg_Id"), text("Report.Stat"), text("Report.Submit_time"),
                text("Report.Done_time"), text("Report.Dest_terminal_Id"), number("Report.SMSC_sequence"));
        } else {
            payload = MsgContent.ofHex(text("Msg_Content"));
        }
        return new CmppDeliver(seq, msgId("Msg_Id"), text("Dest_Id"), text("Service_Id"), (int) number("TP_pid"),
            (int) number("TP_udhi"), (int) number("Msg_Fmt"), text("Src_terminal_Id"),
            (int) numberOr("Src_terminal_type", 0), payload, trailer());
    }

    /** 2.0 calls the last field Reserve, 3.0 LinkID (§14); some ISMGs leave it out (§15 #2). */
    private String trailer() {
        if (values.containsKey("LinkID")) {
            return text("LinkID");
        }
        return values.containsKey("Reserve") ? text("Reserve") : "";
    }

    private JsonNode value(String name) {
        JsonNode value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("field " + name + " - missing (have: " + values.keySet() + ")");
        }
        return value;
    }

    private String text(String name) {
        JsonNode value = value(name);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("field " + name + ": " + value + " (expected: a string)");
        }
        return value.asText();
    }

    private long number(String name) {
        JsonNode value = value(name);
        if (!value.isIntegralNumber()) {
            throw new IllegalArgumentException("field " + name + ": " + value + " (expected: an integer)");
        }
        return value.asLong();
    }

    private long numberOr(String name, long absent) {
        return values.containsKey(name) ? number(name) : absent;
    }

    /** uint64 values are decimal strings in the vectors. */
    private MsgId msgId(String name) {
        return new MsgId(Long.parseUnsignedLong(text(name)));
    }

    private Authenticator auth(String name) {
        return Authenticator.ofHex(text(name));
    }
}
