package org.cmppgw.cmpp.session;

/**
 * The life of a logged-in session (docs/cmpp-protocol.md §12.4). Before login there is no session: the login handler
 * owns the channel.
 */
enum SessionState {
    /** Sends accepted. */
    ACTIVE,
    /** {@link CmppSession#terminate()} called: no new sends, waiting (bounded) for in-flight responses. */
    DRAINING,
    /** Our TERMINATE is out; waiting (bounded) for TERMINATE_RESP, then close. */
    TERMINATE_SENT,
    /** The peer sent TERMINATE, or an error closes the channel: nothing more goes out but what is already written. */
    CLOSING,
    /** The channel is closed; every in-flight request has been failed. */
    CLOSED
}
