package org.cmppgw.cmpp.pdu;

import org.cmppgw.cmpp.CommandId;

import java.util.Objects;

/**
 * CMPP_DELIVER_RESP (docs/cmpp-protocol.md §7.5). {@code msgId} echoes the DELIVER header's Msg_Id, not the report's.
 *
 * @param sequenceId the DELIVER's Sequence_Id
 * @param msgId      the DELIVER header Msg_Id
 * @param result     0 ok, 1 structure error, ... (§11.3); 1 byte on 2.0, 4 on 3.0
 */
public record CmppDeliverResp(int sequenceId, MsgId msgId, long result) implements CmppResponse {
    public static final int RESULT_OK = 0;
    public static final int RESULT_STRUCTURE_ERROR = 1;

    public CmppDeliverResp {
        Objects.requireNonNull(msgId, "msgId");
        FieldChecks.uint32("result", result);
    }

    @Override
    public CommandId commandId() {
        return CommandId.CMPP_DELIVER_RESP;
    }
}
