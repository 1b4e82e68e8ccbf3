package org.cmppgw.cmpp.session;

/**
 * The connection ended (TERMINATE, peer loss, broken framing, dead heartbeat) while a request was in flight, or a call
 * needed a session that is no longer active. The request's outcome is unknown: the peer may have acted on it
 * (docs/cmpp-protocol.md §12.3).
 */
public final class CmppSessionClosedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CmppSessionClosedException(String message) {
        this(message, null);
    }

    /**
     * Stack traces are not filled in: the message names the session and the request, and failing a full window
     * must stay cheap.
     */
    public CmppSessionClosedException(String message, Throwable cause) {
        super(message, cause, true, false);
    }
}
