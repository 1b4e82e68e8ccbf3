package org.cmppgw.cmpp.pdu;

import org.cmppgw.cmpp.CommandId;

/**
 * CMPP_ACTIVE_TEST: the heartbeat either side sends on an idle link (docs/cmpp-protocol.md §6.4, §12). Header only.
 *
 * @param sequenceId header Sequence_Id
 */
public record CmppActiveTest(int sequenceId) implements CmppRequest {
    @Override
    public CommandId commandId() {
        return CommandId.CMPP_ACTIVE_TEST;
    }

    @Override
    public CmppActiveTest withSequenceId(int newSequenceId) {
        return new CmppActiveTest(newSequenceId);
    }
}
