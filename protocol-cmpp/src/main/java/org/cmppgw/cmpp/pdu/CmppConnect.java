package org.cmppgw.cmpp.pdu;

import org.cmppgw.cmpp.CommandId;
import org.cmppgw.cmpp.auth.Authenticator;

import java.util.Objects;

/**
 * CMPP_CONNECT, the login (docs/cmpp-protocol.md §6.1); identical in 2.0 and 3.0.
 *
 * @param sequenceId          header Sequence_Id
 * @param sourceAddr          Source_Addr: the SP_Id, 6 characters at most
 * @param authenticatorSource MD5 of §5.3
 * @param version             the Version byte the client asks for (0x20, 0x21, 0x30, or anything a peer sends)
 * @param timestamp           MMDDHHMMSS as an unsigned 32-bit number
 */
public record CmppConnect(int sequenceId, String sourceAddr, Authenticator authenticatorSource, int version,
                          long timestamp) implements CmppRequest {
    /** Source_Addr width, §6.1 table. */
    public static final int SOURCE_ADDR_LENGTH = 6;

    public CmppConnect {
        FieldChecks.octets("sourceAddr", sourceAddr, SOURCE_ADDR_LENGTH);
        Objects.requireNonNull(authenticatorSource, "authenticatorSource");
        FieldChecks.uint8("version", version);
        FieldChecks.uint32("timestamp", timestamp);
    }

    @Override
    public CommandId commandId() {
        return CommandId.CMPP_CONNECT;
    }

    @Override
    public CmppConnect withSequenceId(int newSequenceId) {
        return new CmppConnect(newSequenceId, sourceAddr, authenticatorSource, version, timestamp);
    }
}
