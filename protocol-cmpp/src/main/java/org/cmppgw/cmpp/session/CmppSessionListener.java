package org.cmppgw.cmpp.session;

import org.cmppgw.cmpp.pdu.CmppRequest;
import org.cmppgw.cmpp.pdu.CmppResponse;

/**
 * What the application hears from one session, always on the session's event loop and never concurrently. Calls must
 * not block (hand durable work to another executor). Each session sees {@link #sessionActive} once, then any number of
 * {@link #requestReceived} and {@link #windowAvailable}, then {@link #sessionClosed} once.
 */
public interface CmppSessionListener {

    /** Login succeeded; the session accepts {@link CmppSession#trySend} from now on. */
    default void sessionActive(CmppSession session) {
    }

    /**
     * The peer sent a SUBMIT, DELIVER, QUERY or CANCEL. The application must answer it with
     * {@link CmppSession#respond} (the peer resends unanswered requests, §11.3). ACTIVE_TEST and TERMINATE never get
     * here: the session answers them itself.
     */
    void requestReceived(CmppSession session, CmppRequest request);

    /**
     * Slots freed up after the window had been full ({@link CmppSession#trySend} returned {@code false} or the last
     * slot was taken): a dispatcher can pull more work now. Called at most once per batch of freed slots.
     */
    default void windowAvailable(CmppSession session) {
    }

    /**
     * A response arrived that no request in flight waits for under its Sequence_Id: late after a timeout, a
     * duplicate, or a peer answering on another connection than the request's (docs/cmpp-protocol.md §10.2). The
     * session drops it; this is for counting.
     */
    default void responseUnmatched(CmppSession session, CmppResponse response) {
    }

    /**
     * The connection is gone. Every request that was in flight has already been failed.
     *
     * @param causeOrNull {@code null} after a graceful TERMINATE handshake (either side); otherwise why it closed
     *                    (peer vanished, dead heartbeat, broken framing, I/O error)
     */
    default void sessionClosed(CmppSession session, Throwable causeOrNull) {
    }
}
