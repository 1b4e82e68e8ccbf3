package org.cmppgw.cmpp.session;

/**
 * {@link CmppSession#send} found the window full (docs/cmpp-protocol.md §12.1 W). Back-pressure, not an error: retry
 * when {@link CmppSessionListener#windowAvailable} fires, or use {@link CmppSession#trySend}, which just returns
 * {@code false}.
 */
public final class CmppWindowFullException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CmppWindowFullException(String message) {
        this(message, null);
    }

    /**
     * Stack traces are not filled in: the message names the session and the request, and failing a full window
     * must stay cheap.
     */
    public CmppWindowFullException(String message, Throwable cause) {
        super(message, cause, true, false);
    }
}
