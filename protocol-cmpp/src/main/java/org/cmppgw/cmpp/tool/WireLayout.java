package org.cmppgw.cmpp.tool;

import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.codec.CmppEncoder;
import org.cmppgw.cmpp.pdu.CmppDeliver;
import org.cmppgw.cmpp.pdu.CmppPdu;
import org.cmppgw.cmpp.pdu.CmppSubmit;
import org.cmppgw.cmpp.pdu.StatusReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How one received frame is laid out where the decoder accepts more than one layout (docs/cmpp-protocol.md §15): the
 * decoded {@link CmppPdu} keeps only values, so the inspector reads the layout off the bytes to print every field as
 * it was on the wire, not as the link's own layout would carry it.
 *
 * @param totalLength   Total_Length as received
 * @param reportLength  a DELIVER status report's Msg_Length as received (60 or 71); the link's report length otherwise
 * @param trailerLength bytes of the SUBMIT/DELIVER LinkID (3.0) or Reserve (2.0) actually present, 0 when missing
 * @param reservedByte  whether an ACTIVE_TEST_RESP carries its Reserved byte
 * @param variants      one description per tolerated variant, naming its §15 row; empty for a frame in the link's
 *                      own layout
 */
public record WireLayout(long totalLength, int reportLength, int trailerLength, boolean reservedByte,
                         List<String> variants) {
    /** Total_Length, Command_Id and Sequence_Id (§3). */
    private static final int HEADER_LENGTH = 12;
    /** Msg_Id (§7.3 field 1). */
    private static final int MSG_ID_LENGTH = 8;
    /** Msg_Id, Dest_Id, Service_Id, TP_pid, TP_udhi, Msg_Fmt: the DELIVER fields before Src_terminal_Id (§7.3). */
    private static final int DELIVER_HEAD_LENGTH = MSG_ID_LENGTH + CmppDeliver.DEST_ID_LENGTH
        + CmppSubmit.SERVICE_ID_LENGTH + 3;
    /** The time some ISMGs write when they have none: 1 January 2000, 00:00 (§15 #7). */
    private static final String PLACEHOLDER_TIME = "0001010000";
    /** TP_udhi as the spec writes it (§9.2). */
    private static final int TP_UDHI_SET = 1;
    /** The SMPP esm_class bit some ISMGs write as TP_udhi instead (§15 #5). */
    private static final int TP_UDHI_SMPP_BIT = 0x40;

    public WireLayout {
        variants = List.copyOf(Objects.requireNonNull(variants, "variants"));
    }

    /** The layout {@code version}'s encoder gives {@code pdu}: no variant. */
    public static WireLayout of(CmppPdu pdu, CmppVersion version) {
        return new WireLayout(CmppEncoder.of(version).totalLength(pdu), version.reportLength(),
            version.trailerLength(), true, List.of());
    }

    /**
     * The layout of {@code frame}, which the decoder has already turned into {@code pdu} on a {@code version} link
     * (so every offset read here exists).
     */
    public static WireLayout of(byte[] frame, CmppPdu pdu, CmppVersion version) {
        long totalLength = frame.length;
        int reportLength = version.reportLength();
        int trailerLength = version.trailerLength();
        boolean reservedByte = true;
        List<String> variants = new ArrayList<>();
        switch (pdu.commandId()) {
            case CMPP_CONNECT_RESP -> otherVersionsLayout(pdu, version, totalLength, "Status", variants);
            case CMPP_SUBMIT_RESP, CMPP_DELIVER_RESP -> otherVersionsLayout(pdu, version, totalLength, "Result",
                variants);
            case CMPP_ACTIVE_TEST_RESP -> {
                reservedByte = totalLength > HEADER_LENGTH;
                if (!reservedByte) {
                    variants.add("CMPP_ACTIVE_TEST_RESP without its Reserved byte (Total_Length 12) (§15 #4)");
                }
            }
            case CMPP_SUBMIT -> tpUdhi(((CmppSubmit) pdu).tpUdhi(), variants);
            case CMPP_DELIVER -> {
                CmppDeliver deliver = (CmppDeliver) pdu;
                tpUdhi(deliver.tpUdhi(), variants);
                int msgLengthAt = HEADER_LENGTH + DELIVER_HEAD_LENGTH + version.terminalIdLength()
                    + (version.hasTerminalType() ? 1 : 0) + 1;
                int msgLength = frame[msgLengthAt] & 0xFF;
                trailerLength = (int) (totalLength - msgLengthAt - 1 - msgLength);
                if (deliver.payload() instanceof StatusReport report) {
                    reportLength = msgLength;
                    report(msgLength, version, variants);
                    reportValues(report, variants);
                }
                trailer(trailerLength, version, variants);
                spacePadded(frame, deliver, version, msgLengthAt, msgLength, variants);
            }
            default -> {
                // every other PDU has one layout per version (§14)
            }
        }
        return new WireLayout(totalLength, reportLength, trailerLength, reservedByte, variants);
    }

    /** A response whose 1- or 4-byte Status/Result follows Total_Length rather than the link (§15 #1). */
    private static void otherVersionsLayout(CmppPdu pdu, CmppVersion version, long totalLength, String field,
                                            List<String> variants) {
        CmppVersion other = version == CmppVersion.V30 ? CmppVersion.V20 : CmppVersion.V30;
        if (totalLength != CmppEncoder.of(version).totalLength(pdu)
            && totalLength == CmppEncoder.of(other).totalLength(pdu)) {
            variants.add(pdu.commandId().name() + " in the " + other.label() + " layout (" + field + " in "
                + other.resultLength() + (other.resultLength() == 1 ? " byte" : " bytes") + ", Total_Length "
                + totalLength + ") on a " + version.label() + " link (§15 #1)");
        }
    }

    /** A status report in the other version's layout (§15 #2 on a 3.0 link, #3 on 2.0). */
    private static void report(int msgLength, CmppVersion version, List<String> variants) {
        if (msgLength == version.reportLength()) {
            return;
        }
        CmppVersion other = version == CmppVersion.V30 ? CmppVersion.V20 : CmppVersion.V30;
        variants.add("status report in the " + other.label() + " layout (Msg_Length " + msgLength
            + ", Report.Dest_terminal_Id of " + other.terminalIdLength() + " octets) on a " + version.label()
            + " link (§15 " + (version == CmppVersion.V30 ? "#2" : "#3") + ")");
    }

    /** A DELIVER whose LinkID/Reserve is short or missing (§15 #2). */
    private static void trailer(int trailerLength, CmppVersion version, List<String> variants) {
        if (trailerLength == version.trailerLength()) {
            return;
        }
        String name = PduFields.trailerName(version);
        variants.add(trailerLength == 0 ? name + " missing, the PDU ends after Msg_Content (§15 #2)"
            : name + " of " + trailerLength + " bytes instead of " + version.trailerLength() + " (§15 #2)");
    }

    /** A Stat shorter than its seven characters, or a time that is a placeholder rather than a date (§15 #7). */
    private static void reportValues(StatusReport report, List<String> variants) {
        if (report.stat().length() < StatusReport.STAT_LENGTH) {
            variants.add("Report.Stat of " + report.stat().length() + " characters instead of "
                + StatusReport.STAT_LENGTH + " (§15 #7)");
        }
        if (PLACEHOLDER_TIME.equals(report.submitTime()) || PLACEHOLDER_TIME.equals(report.doneTime())) {
            variants.add("placeholder report time " + PLACEHOLDER_TIME + " (§15 #7)");
        }
    }

    /**
     * DELIVER Octet Strings padded with spaces instead of NULs (§15 #11): the values shown are without the padding,
     * as the decoder reads them, so the note is the only trace of it.
     */
    private static void spacePadded(byte[] frame, CmppDeliver deliver, CmppVersion version, int msgLengthAt,
                                    int msgLength, List<String> variants) {
        List<String> padded = new ArrayList<>();
        int at = HEADER_LENGTH + MSG_ID_LENGTH;
        endsWithSpace(frame, at, CmppDeliver.DEST_ID_LENGTH, "Dest_Id", padded);
        at += CmppDeliver.DEST_ID_LENGTH;
        endsWithSpace(frame, at, CmppSubmit.SERVICE_ID_LENGTH, "Service_Id", padded);
        at += CmppSubmit.SERVICE_ID_LENGTH + 3;
        endsWithSpace(frame, at, version.terminalIdLength(), "Src_terminal_Id", padded);
        if (deliver.payload() instanceof StatusReport) {
            int report = msgLengthAt + 1 + MSG_ID_LENGTH;
            endsWithSpace(frame, report, StatusReport.STAT_LENGTH, "Report.Stat", padded);
            int dest = report + StatusReport.STAT_LENGTH + 2 * StatusReport.TIME_LENGTH;
            int destLength = msgLength - (dest - msgLengthAt - 1) - 4;
            endsWithSpace(frame, dest, destLength, "Report.Dest_terminal_Id", padded);
        }
        int trailerLength = frame.length - (msgLengthAt + 1 + msgLength);
        endsWithSpace(frame, frame.length - trailerLength, trailerLength, PduFields.trailerName(version), padded);
        if (!padded.isEmpty()) {
            variants.add(String.join(", ", padded) + " padded with spaces instead of NULs (§15 #11)");
        }
    }

    private static void endsWithSpace(byte[] frame, int offset, int length, String name, List<String> padded) {
        if (length > 0 && frame[offset + length - 1] == ' ') {
            padded.add(name);
        }
    }

    private static void tpUdhi(int tpUdhi, List<String> variants) {
        if (tpUdhi != TP_UDHI_SET && (tpUdhi & TP_UDHI_SMPP_BIT) != 0) {
            variants.add("TP_udhi 0x" + Integer.toHexString(tpUdhi) + " instead of 1, read as \"a UDH follows\""
                + " (§15 #5)");
        }
    }
}
