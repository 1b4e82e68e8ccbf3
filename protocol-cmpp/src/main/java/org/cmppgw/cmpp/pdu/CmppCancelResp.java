package org.cmppgw.cmpp.pdu;

import org.cmppgw.cmpp.CommandId;

/**
 * CMPP_CANCEL_RESP (docs/cmpp-protocol.md §7.8): Success_Id is 1 byte on 2.0 links and 4 on 3.0 (§16).
 *
 * @param sequenceId the CANCEL's Sequence_Id
 * @param successId  0 success, 1 failure
 */
public record CmppCancelResp(int sequenceId, long successId) implements CmppResponse {
    public CmppCancelResp {
        FieldChecks.uint32("successId", successId);
    }

    @Override
    public CommandId commandId() {
        return CommandId.CMPP_CANCEL_RESP;
    }
}
