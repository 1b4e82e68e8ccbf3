package org.cmppgw.cmpp.pdu;

import org.cmppgw.cmpp.CommandId;

import java.util.Objects;

/**
 * CMPP_SUBMIT_RESP (docs/cmpp-protocol.md §7.2): the ISMG's Msg_Id for the part and a Result (1 byte on 2.0, 4 on 3.0).
 * On a non-zero Result the Msg_Id is unspecified.
 *
 * @param sequenceId the SUBMIT's Sequence_Id
 * @param msgId      the id status reports will quote
 * @param result     0 ok, 8 flow control, others errors (§11.2)
 */
public record CmppSubmitResp(int sequenceId, MsgId msgId, long result) implements CmppResponse {
    public static final int RESULT_OK = 0;
    public static final int RESULT_STRUCTURE_ERROR = 1;
    public static final int RESULT_DUPLICATE_SEQUENCE = 3;
    /** Too fast: transient, resend the same PDU after a pause (§11.2). */
    public static final int RESULT_FLOW_CONTROL = 8;

    public CmppSubmitResp {
        Objects.requireNonNull(msgId, "msgId");
        FieldChecks.uint32("result", result);
    }

    @Override
    public CommandId commandId() {
        return CommandId.CMPP_SUBMIT_RESP;
    }

    public boolean isOk() {
        return result == RESULT_OK;
    }
}
