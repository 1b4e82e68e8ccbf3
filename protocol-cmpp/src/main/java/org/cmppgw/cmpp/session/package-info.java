/**
 * The per-connection core of CMPP, shared by both sides (docs/cmpp-protocol.md §5, §12): the app-facing
 * {@link org.cmppgw.cmpp.session.CmppSession} and its {@link org.cmppgw.cmpp.session.CmppSessionHandler}, the
 * sliding {@link org.cmppgw.cmpp.session.Window} with response timeouts and resends, Sequence_Ids, the heartbeat
 * ({@link org.cmppgw.cmpp.session.ActiveTestHandler}), terminate, the session's timers and limits
 * ({@link org.cmppgw.cmpp.session.CmppSessionConfig}), its listeners and the exceptions both sides see.
 * {@link org.cmppgw.cmpp.session.CmppPipeline} installs the handlers; the login that starts a session lives with its
 * side, in {@link org.cmppgw.cmpp.session.client} (SP, opens connections) and
 * {@link org.cmppgw.cmpp.session.server} (ISMG, accepts them).
 *
 * <p>Hot path: everything runs on its channel's event loop and needs no locks. No per-PDU logging above DEBUG, no
 * boxing (int-keyed maps), one flush per event-loop turn, one periodic sweep per session instead of a timer per
 * request.
 */
package org.cmppgw.cmpp.session;
