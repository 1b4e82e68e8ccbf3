package org.cmppgw.cmpp.pdu;

import java.util.Objects;

/**
 * The status report inside a CMPP_DELIVER with Registered_Delivery = 1 (docs/cmpp-protocol.md §7.4): 60 bytes on 2.0
 * links, 71 on 3.0. {@code msgId} is the id the ISMG returned in SUBMIT_RESP, the key that correlates the report.
 *
 * @param msgId          the SUBMIT_RESP Msg_Id this report is about
 * @param stat           the final state (§10.1), e.g. "DELIVRD"; may be shorter than 7 characters
 * @param submitTime     YYMMDDHHMM, carrier local time; placeholders such as "0001010000" occur
 * @param doneTime       YYMMDDHHMM
 * @param destTerminalId the destination of the original SUBMIT
 * @param smscSequence   the SMSC's own message id (uint32)
 */
public record StatusReport(MsgId msgId, String stat, String submitTime, String doneTime, String destTerminalId,
                           long smscSequence) implements DeliverPayload {
    /** Field widths, docs/cmpp-protocol.md §7.4 table. */
    public static final int STAT_LENGTH = 7;
    public static final int TIME_LENGTH = 10;
    /** The report Stat that means "delivered to the handset" (§10.1); every other final Stat is a failure. */
    public static final String DELIVERED = "DELIVRD";
    /** An intermediate Stat that must not be treated as final (§10.1). */
    public static final String ACCEPTED = "ACCEPTD";

    public StatusReport {
        Objects.requireNonNull(msgId, "msgId");
        FieldChecks.octets("stat", stat, STAT_LENGTH);
        FieldChecks.octets("submitTime", submitTime, TIME_LENGTH);
        FieldChecks.octets("doneTime", doneTime, TIME_LENGTH);
        FieldChecks.octets("destTerminalId", destTerminalId, CmppSubmit.MAX_TERMINAL_ID_LENGTH);
        FieldChecks.uint32("smscSequence", smscSequence);
    }

    /** Stat is DELIVRD. */
    public boolean delivered() {
        return DELIVERED.equals(stat);
    }

    /** Every Stat but ACCEPTD ends the message's life (§10.1). */
    public boolean isFinal() {
        return !ACCEPTED.equals(stat);
    }
}
