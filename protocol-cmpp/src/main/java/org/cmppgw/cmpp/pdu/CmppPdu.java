package org.cmppgw.cmpp.pdu;

import org.cmppgw.cmpp.CommandId;

/**
 * A CMPP protocol data unit: the 12-byte header's Command_Id and Sequence_Id plus a body (docs/cmpp-protocol.md §3).
 * Total_Length is not stored; the encoder derives it. Sequence_Id is an unsigned 32-bit value held in an {@code int}.
 */
public sealed interface CmppPdu permits CmppRequest, CmppResponse {

    /** The Command_Id this PDU is sent with. */
    CommandId commandId();

    /** The header Sequence_Id (unsigned 32 bits). */
    int sequenceId();
}
