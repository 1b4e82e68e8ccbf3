package org.cmppgw.cmpp.pdu;

import org.cmppgw.cmpp.CommandId;

/**
 * CMPP_TERMINATE: either side ends the session (docs/cmpp-protocol.md §6.3, §12.4). Header only.
 *
 * @param sequenceId header Sequence_Id
 */
public record CmppTerminate(int sequenceId) implements CmppRequest {
    @Override
    public CommandId commandId() {
        return CommandId.CMPP_TERMINATE;
    }

    @Override
    public CmppTerminate withSequenceId(int newSequenceId) {
        return new CmppTerminate(newSequenceId);
    }
}
