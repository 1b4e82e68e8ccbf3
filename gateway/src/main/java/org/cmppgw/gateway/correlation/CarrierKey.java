package org.cmppgw.gateway.correlation;

/** A carrier Msg_Id is unique only per provider account: the correlation key of reports. */
public record CarrierKey(String provider, long carrierMsgId) {
}
