package org.cmppgw.cmpp.pdu;

/** The answer to a {@link CmppRequest}; it carries the request's Sequence_Id. */
public sealed interface CmppResponse extends CmppPdu
    permits CmppConnectResp, CmppTerminateResp, CmppSubmitResp, CmppDeliverResp, CmppQueryResp, CmppCancelResp,
    CmppActiveTestResp {
}
