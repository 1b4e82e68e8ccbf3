package org.cmppgw.cmpp.pdu;

import org.cmppgw.cmpp.CommandId;

import java.util.Objects;

/**
 * CMPP_CANCEL: ask the ISMG to delete a submitted message (docs/cmpp-protocol.md §7.8).
 *
 * @param sequenceId header Sequence_Id
 * @param msgId      the SUBMIT_RESP Msg_Id of the message to delete
 */
public record CmppCancel(int sequenceId, MsgId msgId) implements CmppRequest {
    public CmppCancel {
        Objects.requireNonNull(msgId, "msgId");
    }

    @Override
    public CommandId commandId() {
        return CommandId.CMPP_CANCEL;
    }

    @Override
    public CmppCancel withSequenceId(int newSequenceId) {
        return new CmppCancel(newSequenceId, msgId);
    }
}
