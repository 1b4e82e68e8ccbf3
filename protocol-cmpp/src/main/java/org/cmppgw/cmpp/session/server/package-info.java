/**
 * The ISMG side of CMPP (docs/cmpp-protocol.md §1, §5, §11.1, §15): {@link org.cmppgw.cmpp.session.server.CmppServer}
 * accepts connections and logs them in against a {@link org.cmppgw.cmpp.session.server.CmppAccountRegistry} of
 * {@link org.cmppgw.cmpp.session.server.CmppAccount}s (version byte, source address, Timestamp freshness,
 * AuthenticatorSource, connections per account), then hands each {@link org.cmppgw.cmpp.session.CmppSession} to its
 * listener. Used by the simulator's carrier and by test peers.
 *
 * <p>Hot path: the login handler and the account lookup run on event loops and must never block (accounts answer
 * from memory); login itself happens once per connection, so it may log at INFO.
 */
package org.cmppgw.cmpp.session.server;
