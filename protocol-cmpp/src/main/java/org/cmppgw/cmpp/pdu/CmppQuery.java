package org.cmppgw.cmpp.pdu;

import org.cmppgw.cmpp.CommandId;

/**
 * CMPP_QUERY, traffic statistics for a day (docs/cmpp-protocol.md §7.6); identical in 2.0 and 3.0.
 *
 * @param sequenceId header Sequence_Id
 * @param time       YYYYMMDD
 * @param queryType  0 totals, 1 per Service_Id
 * @param queryCode  the Service_Id when {@code queryType} is 1
 * @param reserve    reserved, 8 characters at most
 */
public record CmppQuery(int sequenceId, String time, int queryType, String queryCode, String reserve)
    implements CmppRequest {
    /** Field widths, §7.6 table. */
    public static final int TIME_LENGTH = 8;
    public static final int QUERY_CODE_LENGTH = 10;
    public static final int RESERVE_LENGTH = 8;

    public CmppQuery {
        FieldChecks.octets("time", time, TIME_LENGTH);
        FieldChecks.uint8("queryType", queryType);
        FieldChecks.octets("queryCode", queryCode, QUERY_CODE_LENGTH);
        FieldChecks.octets("reserve", reserve, RESERVE_LENGTH);
    }

    @Override
    public CommandId commandId() {
        return CommandId.CMPP_QUERY;
    }

    @Override
    public CmppQuery withSequenceId(int newSequenceId) {
        return new CmppQuery(newSequenceId, time, queryType, queryCode, reserve);
    }
}
