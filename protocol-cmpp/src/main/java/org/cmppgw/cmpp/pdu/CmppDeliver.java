package org.cmppgw.cmpp.pdu;

import org.cmppgw.cmpp.CommandId;

import java.util.Objects;

/**
 * CMPP_DELIVER from the ISMG (docs/cmpp-protocol.md §7.3): an MO message ({@link MsgContent} payload,
 * Registered_Delivery 0) or a status report ({@link StatusReport} payload, Registered_Delivery 1). The header
 * {@code msgId} is the DELIVER's own id, echoed in DELIVER_RESP; the report's Msg_Id is the one that correlates.
 *
 * @param sequenceId      header Sequence_Id (the ISMG's counter)
 * @param msgId           this DELIVER's id
 * @param destId          the number the user sent to (service code plus extension), at most 21 characters
 * @param serviceId       Service_Id
 * @param tpPid           TP-PID
 * @param tpUdhi          1 (or 0x40, §15 #5) when an MO payload starts with a UDH
 * @param msgFmt          raw Msg_Fmt of an MO payload
 * @param srcTerminalId   MO: the sender's number; report: the destination of the original SUBMIT
 * @param srcTerminalType 3.0: 0 real, 1 pseudo
 * @param payload         the MO bytes or the report
 * @param linkId          3.0 LinkID of an on-demand MO (2.0: Reserve); empty otherwise
 */
public record CmppDeliver(int sequenceId, MsgId msgId, String destId, String serviceId, int tpPid, int tpUdhi,
                          int msgFmt, String srcTerminalId, int srcTerminalType, DeliverPayload payload,
                          String linkId) implements CmppRequest {
    /** Dest_Id width, §7.3 table. */
    public static final int DEST_ID_LENGTH = 21;

    public CmppDeliver {
        Objects.requireNonNull(msgId, "msgId");
        FieldChecks.octets("destId", destId, DEST_ID_LENGTH);
        FieldChecks.octets("serviceId", serviceId, CmppSubmit.SERVICE_ID_LENGTH);
        FieldChecks.uint8("tpPid", tpPid);
        FieldChecks.uint8("tpUdhi", tpUdhi);
        FieldChecks.uint8("msgFmt", msgFmt);
        FieldChecks.octets("srcTerminalId", srcTerminalId, CmppSubmit.MAX_TERMINAL_ID_LENGTH);
        FieldChecks.uint8("srcTerminalType", srcTerminalType);
        Objects.requireNonNull(payload, "payload");
        FieldChecks.octets("linkId", linkId, CmppSubmit.MAX_LINK_ID_LENGTH);
    }

    /** A status report for {@code report}, as an ISMG sends it: Msg_Fmt 0, no UDH. */
    public static CmppDeliver report(int sequenceId, MsgId msgId, String destId, String serviceId,
                                     StatusReport report) {
        return new CmppDeliver(sequenceId, msgId, destId, serviceId, 0, 0, 0, report.destTerminalId(), 0, report, "");
    }

    @Override
    public CommandId commandId() {
        return CommandId.CMPP_DELIVER;
    }

    /** 1 for a status report, 0 for an MO message. */
    public int registeredDelivery() {
        return payload instanceof StatusReport ? 1 : 0;
    }

    public boolean isReport() {
        return payload instanceof StatusReport;
    }

    /**
     * The report of a status-report DELIVER.
     *
     * @throws IllegalStateException on an MO message
     */
    public StatusReport report() {
        if (payload instanceof StatusReport report) {
            return report;
        }
        throw new IllegalStateException("deliver " + msgId + " - is an MO message, not a status report");
    }

    /**
     * The bytes of an MO message.
     *
     * @throws IllegalStateException on a status report
     */
    public MsgContent content() {
        if (payload instanceof MsgContent content) {
            return content;
        }
        throw new IllegalStateException("deliver " + msgId + " - is a status report, not an MO message");
    }

    /** TP_udhi with the 0x40 variant (§9.2). */
    public boolean hasUdh() {
        return (tpUdhi & 0x41) != 0;
    }

    @Override
    public CmppDeliver withSequenceId(int newSequenceId) {
        return new CmppDeliver(newSequenceId, msgId, destId, serviceId, tpPid, tpUdhi, msgFmt, srcTerminalId,
            srcTerminalType, payload, linkId);
    }
}
