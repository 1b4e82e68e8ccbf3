package org.cmppgw.cmpp.session;

import org.cmppgw.cmpp.pdu.CmppRequest;

/**
 * One request waiting in the {@link Window}: the PDU (kept to resend it byte for byte, §12.3), its listener and how
 * often it went out. Mutable and recycled by its session, so sending allocates no holder; never handed to the app.
 */
final class InFlight {
    CmppRequest request;
    CmppResponseListener listener;
    int sends;

    void clear() {
        request = null;
        listener = null;
        sends = 0;
    }
}
