/**
 * Bytes to PDUs and back: {@link org.cmppgw.cmpp.codec.CmppDecoder}, {@link org.cmppgw.cmpp.codec.CmppEncoder} and
 * one package-private body codec per PDU pair. The only package that touches {@code ByteBuf}. Hot path.
 */
package org.cmppgw.cmpp.codec;
