package org.cmppgw.cmpp.session;

/**
 * No response after {@link CmppSessionConfig#maxSends()} sends of the same PDU, each {@code responseTimeout} apart
 * (docs/cmpp-protocol.md §12.1 T and N, §12.3). The outcome is unknown, not failed: the peer may have received and
 * acted on any of the copies.
 */
public final class CmppResponseTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int sends;

    /** Without a stack trace: the message names the session and the request. */
    public CmppResponseTimeoutException(String message, int sends) {
        super(message, null, true, false);
        this.sends = sends;
    }

    /** How many times the request went out. */
    public int sends() {
        return sends;
    }
}
