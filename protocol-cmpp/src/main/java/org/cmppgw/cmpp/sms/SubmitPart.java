package org.cmppgw.cmpp.sms;

import org.cmppgw.cmpp.pdu.MsgContent;
import org.cmppgw.cmpp.pdu.MsgFmt;

import java.util.Objects;

/**
 * One part of an outbound message, ready for a CMPP_SUBMIT (docs/cmpp-protocol.md §9.5): Pk_total, Pk_number, TP_udhi,
 * Msg_Fmt and Msg_Content (UDH included). A single message is {@code 1/1} with TP_udhi 0.
 *
 * @param pkTotal  parts of the message, 1..255 (equals the UDH total)
 * @param pkNumber this part, 1..pkTotal (equals the UDH number)
 * @param tpUdhi   1 when {@code content} starts with a UDH
 * @param msgFmt   the format of the payload
 * @param content  Msg_Content, UDH included
 */
public record SubmitPart(int pkTotal, int pkNumber, int tpUdhi, MsgFmt msgFmt, MsgContent content) {
    public SubmitPart {
        if (pkTotal < 1 || pkTotal > ConcatInfo.MAX_PARTS) {
            throw new IllegalArgumentException("pkTotal: " + pkTotal + " (expected: 1..255)");
        }
        if (pkNumber < 1 || pkNumber > pkTotal) {
            throw new IllegalArgumentException("pkNumber: " + pkNumber + " (expected: 1.." + pkTotal + ")");
        }
        if (tpUdhi != 0 && tpUdhi != 1) {
            throw new IllegalArgumentException("tpUdhi: " + tpUdhi + " (expected: 0 or 1)");
        }
        Objects.requireNonNull(msgFmt, "msgFmt");
        Objects.requireNonNull(content, "content");
    }
}
