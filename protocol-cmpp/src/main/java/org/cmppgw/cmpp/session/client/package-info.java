/**
 * The SP side of CMPP (docs/cmpp-protocol.md §5.3-§5.5, §12.5): {@link org.cmppgw.cmpp.session.client.CmppClient}
 * opens a connection, logs in with CONNECT (version downgrade, AuthenticatorISMG check) and hands over a
 * {@link org.cmppgw.cmpp.session.CmppSession}; {@link org.cmppgw.cmpp.session.client.CmppClientConfig} says where
 * and as whom, {@link org.cmppgw.cmpp.session.client.CmppLoginException} why a login failed.
 *
 * <p>Hot path: the login handler runs on the connection's event loop and must never block; login itself happens once
 * per connection, so it may log at INFO.
 */
package org.cmppgw.cmpp.session.client;
