/**
 * CMPP connection life (cmpp-spec.md §5, §12): login ({@link org.cmppgw.cmpp.session.ClientConnectHandler},
 * {@link org.cmppgw.cmpp.session.ServerConnectHandler}), heartbeat ({@link org.cmppgw.cmpp.session.ActiveTestHandler}),
 * the sliding {@link org.cmppgw.cmpp.session.Window} with response timeouts and resends, and terminate, behind the
 * app-facing {@link org.cmppgw.cmpp.session.CmppSession}. {@link org.cmppgw.cmpp.session.CmppPipeline} installs the
 * handlers; {@link org.cmppgw.cmpp.session.CmppClient} and {@link org.cmppgw.cmpp.session.CmppServer} open connections.
 *
 * <p>Hot path: everything runs on its channel's event loop and needs no locks. No per-PDU logging above DEBUG, no
 * boxing (int-keyed maps), one flush per event-loop turn, one periodic sweep per session instead of a timer per
 * request. Login and the server's account checks are the cold exception: once per connection.
 */
package org.cmppgw.cmpp.session;
