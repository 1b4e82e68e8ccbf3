package org.cmppgw.cmpp.pdu;

import org.cmppgw.cmpp.CommandId;
import org.cmppgw.cmpp.auth.Authenticator;

import java.util.Objects;

/**
 * CMPP_CONNECT_RESP (docs/cmpp-protocol.md §6.2). Status is 1 byte on 2.0 links and 4 on 3.0; the decoder picks the
 * layout by Total_Length (30 or 33), because servers answer in the other layout (§15 #1).
 *
 * @param sequenceId        the CONNECT's Sequence_Id
 * @param status            0 ok, 1 structure error, 2 illegal source address, 3 authentication error, 4 version too
 *                          high, 5+ other (§11.1)
 * @param authenticatorIsmg MD5 of §5.4; all zero on failure
 * @param version           the highest version the ISMG supports
 */
public record CmppConnectResp(int sequenceId, long status, Authenticator authenticatorIsmg, int version)
    implements CmppResponse {
    public static final int STATUS_OK = 0;
    public static final int STATUS_STRUCTURE_ERROR = 1;
    public static final int STATUS_ILLEGAL_SOURCE = 2;
    public static final int STATUS_AUTH_FAILED = 3;
    public static final int STATUS_VERSION_TOO_HIGH = 4;
    /** The first of the "other errors" codes; this library uses it for "too many connections". */
    public static final int STATUS_OTHER = 5;

    public CmppConnectResp {
        FieldChecks.uint32("status", status);
        Objects.requireNonNull(authenticatorIsmg, "authenticatorIsmg");
        FieldChecks.uint8("version", version);
    }

    @Override
    public CommandId commandId() {
        return CommandId.CMPP_CONNECT_RESP;
    }

    public boolean isOk() {
        return status == STATUS_OK;
    }

    /** The meaning of a Status (docs/cmpp-protocol.md §11.1), for log and exception messages of both sides. */
    public static String describeStatus(long status) {
        if (status == STATUS_OK) {
            return "ok";
        } else if (status == STATUS_STRUCTURE_ERROR) {
            return "message structure error";
        } else if (status == STATUS_ILLEGAL_SOURCE) {
            return "illegal source address";
        } else if (status == STATUS_AUTH_FAILED) {
            return "authentication error";
        } else if (status == STATUS_VERSION_TOO_HIGH) {
            return "version too high";
        }
        return "other error";
    }
}
