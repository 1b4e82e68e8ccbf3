package org.cmppgw.cmpp.session;

/**
 * The peer broke the session rules: a response whose command does not pair with the request waiting under its
 * Sequence_Id, or too many malformed frames in a row (docs/cmpp-protocol.md §3, §4).
 */
public final class CmppProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CmppProtocolException(String message) {
        this(message, null);
    }

    /**
     * Stack traces are not filled in: the message names the session and the request, and failing a full window
     * must stay cheap.
     */
    public CmppProtocolException(String message, Throwable cause) {
        super(message, cause, true, false);
    }
}
