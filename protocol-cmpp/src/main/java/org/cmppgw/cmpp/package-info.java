/**
 * CMPP 2.0/3.0 for Netty: the wire vocabulary ({@link org.cmppgw.cmpp.CmppVersion}, {@link org.cmppgw.cmpp.CommandId}).
 * PDUs live in {@code pdu}, bytes in {@code codec}, login in {@code auth}, connection state in {@code session}, long
 * messages in {@code sms}. Cold path: constants only.
 */
package org.cmppgw.cmpp;
