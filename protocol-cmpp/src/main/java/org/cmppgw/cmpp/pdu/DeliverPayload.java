package org.cmppgw.cmpp.pdu;

/**
 * What a CMPP_DELIVER carries in Msg_Content: an MO message's bytes ({@link MsgContent}, Registered_Delivery = 0)
 * or a {@link StatusReport} (Registered_Delivery = 1), docs/cmpp-protocol.md §7.3.
 */
public sealed interface DeliverPayload permits MsgContent, StatusReport {
}
