package org.cmppgw.cmpp.pdu;

import org.cmppgw.cmpp.CommandId;

import java.util.List;
import java.util.Objects;

/**
 * CMPP_SUBMIT, one message part to one or more destinations (docs/cmpp-protocol.md §7.1). The record holds the union of
 * the 2.0 and 3.0 fields; the 3.0-only ones ({@code feeTerminalType}, {@code destTerminalType}) are not written on 2.0
 * links, and {@code linkId} travels in the 8-byte Reserve field there.
 *
 * @param sequenceId         header Sequence_Id
 * @param msgId              Msg_Id; SPs send {@link MsgId#ZERO}
 * @param pkTotal            parts of this message (1 for a single message)
 * @param pkNumber           this part's 1-based index
 * @param registeredDelivery 1 asks for a status report
 * @param msgLevel           priority
 * @param serviceId          Service_Id, at most 10 characters
 * @param feeUserType        0 destination, 1 source, 2 SP, 3 {@code feeTerminalId} pays
 * @param feeTerminalId      charged number (21 / 32 wide)
 * @param feeTerminalType    3.0: 0 real number, 1 pseudo number
 * @param tpPid              GSM 03.40 TP-PID
 * @param tpUdhi             1 when {@code msgContent} starts with a UDH
 * @param msgFmt             raw Msg_Fmt (see {@link MsgFmt})
 * @param msgSrc             SP_Id of the content source, at most 6 characters
 * @param feeType            "01" free, "02" per message, "03" monthly, ...
 * @param feeCode            fee in fen, at most 6 characters
 * @param validTime          ValId_Time, SMPP 3.3 format or empty
 * @param atTime             At_Time, SMPP 3.3 format or empty
 * @param srcId              Src_Id: service code plus optional extension, at most 21 characters
 * @param destTerminalIds    1 to 99 destination numbers
 * @param destTerminalType   3.0: 0 real, 1 pseudo
 * @param msgContent         the payload, UDH included
 * @param linkId             3.0 LinkID (20) or 2.0 Reserve (8); empty for ordinary MT
 */
public record CmppSubmit(int sequenceId, MsgId msgId, int pkTotal, int pkNumber, int registeredDelivery,
                         int msgLevel, String serviceId, int feeUserType, String feeTerminalId, int feeTerminalType,
                         int tpPid, int tpUdhi, int msgFmt, String msgSrc, String feeType, String feeCode,
                         String validTime, String atTime, String srcId, List<String> destTerminalIds,
                         int destTerminalType, MsgContent msgContent, String linkId) implements CmppRequest {
    /** Field widths, docs/cmpp-protocol.md §7.1 table (terminal ids: the 3.0 width; 2.0 links allow 21). */
    public static final int SERVICE_ID_LENGTH = 10;
    public static final int MAX_TERMINAL_ID_LENGTH = 32;
    public static final int MSG_SRC_LENGTH = 6;
    public static final int FEE_TYPE_LENGTH = 2;
    public static final int FEE_CODE_LENGTH = 6;
    public static final int TIME_LENGTH = 17;
    public static final int SRC_ID_LENGTH = 21;
    public static final int MAX_LINK_ID_LENGTH = 20;
    /** DestUsr_tl: "fewer than 100" (§2.1). */
    public static final int MAX_DESTINATIONS = 99;

    public CmppSubmit {
        Objects.requireNonNull(msgId, "msgId");
        FieldChecks.uint8("pkTotal", pkTotal);
        FieldChecks.uint8("pkNumber", pkNumber);
        FieldChecks.uint8("registeredDelivery", registeredDelivery);
        FieldChecks.uint8("msgLevel", msgLevel);
        FieldChecks.octets("serviceId", serviceId, SERVICE_ID_LENGTH);
        FieldChecks.uint8("feeUserType", feeUserType);
        FieldChecks.octets("feeTerminalId", feeTerminalId, MAX_TERMINAL_ID_LENGTH);
        FieldChecks.uint8("feeTerminalType", feeTerminalType);
        FieldChecks.uint8("tpPid", tpPid);
        FieldChecks.uint8("tpUdhi", tpUdhi);
        FieldChecks.uint8("msgFmt", msgFmt);
        FieldChecks.octets("msgSrc", msgSrc, MSG_SRC_LENGTH);
        FieldChecks.octets("feeType", feeType, FEE_TYPE_LENGTH);
        FieldChecks.octets("feeCode", feeCode, FEE_CODE_LENGTH);
        FieldChecks.octets("validTime", validTime, TIME_LENGTH);
        FieldChecks.octets("atTime", atTime, TIME_LENGTH);
        FieldChecks.octets("srcId", srcId, SRC_ID_LENGTH);
        destTerminalIds = List.copyOf(destTerminalIds);
        if (destTerminalIds.isEmpty() || destTerminalIds.size() > MAX_DESTINATIONS) {
            throw new IllegalArgumentException(
                "destTerminalIds: " + destTerminalIds.size() + " numbers (expected: 1..99)");
        }
        for (String dest : destTerminalIds) {
            FieldChecks.octets("destTerminalIds", dest, MAX_TERMINAL_ID_LENGTH);
        }
        FieldChecks.uint8("destTerminalType", destTerminalType);
        Objects.requireNonNull(msgContent, "msgContent");
        FieldChecks.octets("linkId", linkId, MAX_LINK_ID_LENGTH);
    }

    @Override
    public CommandId commandId() {
        return CommandId.CMPP_SUBMIT;
    }

    /** TP_udhi with the 0x40 some ISMGs use instead of 1 (§9.2). */
    public boolean hasUdh() {
        return (tpUdhi & 0x41) != 0;
    }

    @Override
    public CmppSubmit withSequenceId(int newSequenceId) {
        return toBuilder().sequenceId(newSequenceId).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.sequenceId = sequenceId;
        b.msgId = msgId;
        b.pkTotal = pkTotal;
        b.pkNumber = pkNumber;
        b.registeredDelivery = registeredDelivery;
        b.msgLevel = msgLevel;
        b.serviceId = serviceId;
        b.feeUserType = feeUserType;
        b.feeTerminalId = feeTerminalId;
        b.feeTerminalType = feeTerminalType;
        b.tpPid = tpPid;
        b.tpUdhi = tpUdhi;
        b.msgFmt = msgFmt;
        b.msgSrc = msgSrc;
        b.feeType = feeType;
        b.feeCode = feeCode;
        b.validTime = validTime;
        b.atTime = atTime;
        b.srcId = srcId;
        b.destTerminalIds = destTerminalIds;
        b.destTerminalType = destTerminalType;
        b.msgContent = msgContent;
        b.linkId = linkId;
        return b;
    }

    /**
     * Assembles a {@link CmppSubmit}; the record validates on {@link #build()}. Defaults: a single part, report
     * wanted, fee paid by the SP ("01" free, "000000"), UCS2, everything else empty or 0.
     */
    public static final class Builder {
        private int sequenceId;
        private MsgId msgId = MsgId.ZERO;
        private int pkTotal = 1;
        private int pkNumber = 1;
        private int registeredDelivery = 1;
        private int msgLevel;
        private String serviceId = "";
        private int feeUserType = 2;
        private String feeTerminalId = "";
        private int feeTerminalType;
        private int tpPid;
        private int tpUdhi;
        private int msgFmt = MsgFmt.UCS2.code();
        private String msgSrc = "";
        private String feeType = "01";
        private String feeCode = "000000";
        private String validTime = "";
        private String atTime = "";
        private String srcId = "";
        private List<String> destTerminalIds = List.of();
        private int destTerminalType;
        private MsgContent msgContent = MsgContent.EMPTY;
        private String linkId = "";

        private Builder() {
        }

        public Builder sequenceId(int value) {
            sequenceId = value;
            return this;
        }

        public Builder msgId(MsgId value) {
            msgId = value;
            return this;
        }

        public Builder pkTotal(int value) {
            pkTotal = value;
            return this;
        }

        public Builder pkNumber(int value) {
            pkNumber = value;
            return this;
        }

        public Builder registeredDelivery(int value) {
            registeredDelivery = value;
            return this;
        }

        public Builder msgLevel(int value) {
            msgLevel = value;
            return this;
        }

        public Builder serviceId(String value) {
            serviceId = value;
            return this;
        }

        public Builder feeUserType(int value) {
            feeUserType = value;
            return this;
        }

        public Builder feeTerminalId(String value) {
            feeTerminalId = value;
            return this;
        }

        public Builder feeTerminalType(int value) {
            feeTerminalType = value;
            return this;
        }

        public Builder tpPid(int value) {
            tpPid = value;
            return this;
        }

        public Builder tpUdhi(int value) {
            tpUdhi = value;
            return this;
        }

        public Builder msgFmt(int value) {
            msgFmt = value;
            return this;
        }

        public Builder msgSrc(String value) {
            msgSrc = value;
            return this;
        }

        public Builder feeType(String value) {
            feeType = value;
            return this;
        }

        public Builder feeCode(String value) {
            feeCode = value;
            return this;
        }

        public Builder validTime(String value) {
            validTime = value;
            return this;
        }

        public Builder atTime(String value) {
            atTime = value;
            return this;
        }

        public Builder srcId(String value) {
            srcId = value;
            return this;
        }

        public Builder destTerminalIds(List<String> value) {
            destTerminalIds = value;
            return this;
        }

        public Builder destTerminalId(String value) {
            destTerminalIds = List.of(value);
            return this;
        }

        public Builder destTerminalType(int value) {
            destTerminalType = value;
            return this;
        }

        public Builder msgContent(MsgContent value) {
            msgContent = value;
            return this;
        }

        public Builder linkId(String value) {
            linkId = value;
            return this;
        }

        public CmppSubmit build() {
            return new CmppSubmit(sequenceId, msgId, pkTotal, pkNumber, registeredDelivery, msgLevel, serviceId,
                feeUserType, feeTerminalId, feeTerminalType, tpPid, tpUdhi, msgFmt, msgSrc, feeType, feeCode,
                validTime, atTime, srcId, destTerminalIds, destTerminalType, msgContent, linkId);
        }
    }
}
