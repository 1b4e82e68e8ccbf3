/**
 * CMPP 2.0/3.0 for Netty: the wire vocabulary ({@link org.cmppgw.cmpp.CmppVersion}, {@link org.cmppgw.cmpp.CommandId}).
 * PDUs live in {@code pdu}, bytes in {@code codec}, login in {@code auth}, connection state in {@code session}, long
 * messages in {@code sms}. Shared by them: {@link org.cmppgw.cmpp.ImmutableBytes}, the base of every byte value, and
 * {@link org.cmppgw.cmpp.ArgumentChecks}, the argument checks of every record. Hot path: {@code ImmutableBytes}
 * (one per decoded PDU, no copy); the rest is cold.
 */
package org.cmppgw.cmpp;
