package org.cmppgw.gateway.persistence.jdbc;

/** A carrier Msg_Id is unique only per provider account: the correlation key of reports. */
record CarrierKey(String provider, long carrierMsgId) {
}
