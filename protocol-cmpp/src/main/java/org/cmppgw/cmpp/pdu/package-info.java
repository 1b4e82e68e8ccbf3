/**
 * Immutable CMPP PDUs, one record per command (docs/cmpp-protocol.md §6–§7), plus the values they carry: {@link
 * org.cmppgw.cmpp.pdu.MsgId}, {@link org.cmppgw.cmpp.pdu.MsgContent}, {@link org.cmppgw.cmpp.pdu.StatusReport}.
 * No Netty types apart from {@code MsgContent.writeTo}. Hot path: records are built per message, so constructors
 * validate without allocating.
 */
package org.cmppgw.cmpp.pdu;
