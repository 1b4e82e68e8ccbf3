package org.cmppgw.cmpp.pdu;

import org.cmppgw.cmpp.CommandId;

/**
 * CMPP_TERMINATE_RESP (docs/cmpp-protocol.md §6.3). Header only.
 *
 * @param sequenceId the TERMINATE's Sequence_Id
 */
public record CmppTerminateResp(int sequenceId) implements CmppResponse {
    @Override
    public CommandId commandId() {
        return CommandId.CMPP_TERMINATE_RESP;
    }
}
