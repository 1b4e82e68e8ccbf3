package org.cmppgw.cmpp.session.client;

import org.cmppgw.cmpp.pdu.CmppConnectResp;

/**
 * A client login failed (docs/cmpp-protocol.md §5.5): the ISMG refused the CONNECT with a Status (§11.1), or the login
 * could not complete (no CONNECT_RESP in time, connection closed, impostor ISMG, version not agreed).
 */
public final class CmppLoginException extends RuntimeException {
    /** {@link #status()} when no CONNECT_RESP Status explains the failure. */
    public static final long NO_STATUS = -1;
    private static final long serialVersionUID = 1L;

    private final long status;

    public CmppLoginException(long status, String message) {
        this(status, message, null);
    }

    public CmppLoginException(long status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The CONNECT_RESP Status (1 structure, 2 source address, 3 authentication, 4 version, 5+ other), or -1. */
    public long status() {
        return status;
    }

    /**
     * Status 2, 3 or 4: the account, secret or version is wrong. Retrying soon cannot help; back off to the maximum
     * and alert an operator (§12.5).
     */
    public boolean isConfigurationError() {
        return status == CmppConnectResp.STATUS_ILLEGAL_SOURCE || status == CmppConnectResp.STATUS_AUTH_FAILED
            || status == CmppConnectResp.STATUS_VERSION_TOO_HIGH;
    }

    /** The §11.1 meaning of a CONNECT_RESP Status, for messages ({@link CmppConnectResp#describeStatus}). */
    public static String describe(long status) {
        return CmppConnectResp.describeStatus(status);
    }
}
