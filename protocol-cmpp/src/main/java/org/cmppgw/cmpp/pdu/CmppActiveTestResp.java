package org.cmppgw.cmpp.pdu;

import org.cmppgw.cmpp.CommandId;

/**
 * CMPP_ACTIVE_TEST_RESP (docs/cmpp-protocol.md §6.4): one Reserved byte, sent as 0. Peers that omit it are accepted
 * (§15 #4); the encoder always writes it.
 *
 * @param sequenceId the ACTIVE_TEST's Sequence_Id
 * @param reserved   the Reserved byte
 */
public record CmppActiveTestResp(int sequenceId, int reserved) implements CmppResponse {
    public CmppActiveTestResp {
        FieldChecks.uint8("reserved", reserved);
    }

    public CmppActiveTestResp(int sequenceId) {
        this(sequenceId, 0);
    }

    @Override
    public CommandId commandId() {
        return CommandId.CMPP_ACTIVE_TEST_RESP;
    }
}
