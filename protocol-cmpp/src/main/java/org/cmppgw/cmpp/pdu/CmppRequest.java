package org.cmppgw.cmpp.pdu;

/** A PDU that the peer must answer with the response of the same Sequence_Id (docs/cmpp-protocol.md §1). */
public sealed interface CmppRequest extends CmppPdu
    permits CmppConnect, CmppTerminate, CmppSubmit, CmppDeliver, CmppQuery, CmppCancel, CmppActiveTest {

    /** A copy numbered {@code newSequenceId}: for retransmission bookkeeping, tests and the simulator. */
    CmppRequest withSequenceId(int newSequenceId);
}
