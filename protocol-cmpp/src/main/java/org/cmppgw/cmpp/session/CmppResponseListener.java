package org.cmppgw.cmpp.session;

import org.cmppgw.cmpp.pdu.CmppRequest;
import org.cmppgw.cmpp.pdu.CmppResponse;

/**
 * The outcome of one request sent with {@link CmppSession#trySend}. Exactly one of the two methods is called, exactly
 * once, on the session's event loop. Implementations must not block; one stateless listener can serve every request.
 */
public interface CmppResponseListener {

    /**
     * The peer answered. The response has the request's Sequence_Id and the matching command; its Result is the
     * caller's to judge (e.g. SUBMIT_RESP Result 8 is flow control, §11.2).
     */
    void onResponse(CmppRequest request, CmppResponse response);

    /**
     * No usable answer. {@code cause} is one of:
     * <ul>
     *   <li>{@link CmppResponseTimeoutException}: no response after {@code maxSends} sends (§12.3) - the outcome is
     *       unknown, the peer may have acted on it;</li>
     *   <li>{@link CmppSessionClosedException}: the connection ended with the request in flight - outcome unknown;</li>
     *   <li>{@link org.cmppgw.cmpp.codec.CmppCodecException}: the peer's response body was malformed;</li>
     *   <li>{@link CmppProtocolException}: the peer answered with the wrong command for the Sequence_Id.</li>
     * </ul>
     */
    void onFailure(CmppRequest request, Throwable cause);
}
