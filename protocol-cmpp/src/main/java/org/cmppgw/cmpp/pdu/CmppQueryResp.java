package org.cmppgw.cmpp.pdu;

import org.cmppgw.cmpp.CommandId;

/**
 * CMPP_QUERY_RESP (docs/cmpp-protocol.md §7.7): the day's counters, each an unsigned 32-bit value.
 *
 * @param sequenceId the QUERY's Sequence_Id
 * @param time       day queried (YYYYMMDD)
 * @param queryType  echo
 * @param queryCode  echo
 * @param mtTlMsg    messages received from the SP
 * @param mtTlUsr    users addressed by the SP
 * @param mtScs      forwarded successfully
 * @param mtWt       waiting to be forwarded
 * @param mtFl       forwarding failed
 * @param moScs      delivered to the SP successfully
 * @param moWt       waiting for delivery to the SP
 * @param moFl       delivery to the SP failed
 */
public record CmppQueryResp(int sequenceId, String time, int queryType, String queryCode, long mtTlMsg, long mtTlUsr,
                            long mtScs, long mtWt, long mtFl, long moScs, long moWt, long moFl)
    implements CmppResponse {

    public CmppQueryResp {
        FieldChecks.octets("time", time, CmppQuery.TIME_LENGTH);
        FieldChecks.uint8("queryType", queryType);
        FieldChecks.octets("queryCode", queryCode, CmppQuery.QUERY_CODE_LENGTH);
        FieldChecks.uint32("mtTlMsg", mtTlMsg);
        FieldChecks.uint32("mtTlUsr", mtTlUsr);
        FieldChecks.uint32("mtScs", mtScs);
        FieldChecks.uint32("mtWt", mtWt);
        FieldChecks.uint32("mtFl", mtFl);
        FieldChecks.uint32("moScs", moScs);
        FieldChecks.uint32("moWt", moWt);
        FieldChecks.uint32("moFl", moFl);
    }

    @Override
    public CommandId commandId() {
        return CommandId.CMPP_QUERY_RESP;
    }
}
