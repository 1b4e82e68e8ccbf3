/**
 * Text and long messages (docs/cmpp-protocol.md §9): {@link org.cmppgw.cmpp.sms.SmsText} encodes and decodes
 * Msg_Content by Msg_Fmt, {@link org.cmppgw.cmpp.sms.Udh} reads and builds User Data Headers, {@link
 * org.cmppgw.cmpp.sms.Segmenter} splits outbound text into SUBMIT parts and {@link
 * org.cmppgw.cmpp.sms.Reassembler} joins the parts of MO messages. Pure Java, no Netty.
 *
 * <p>Warm path: the segmenter runs once per outbound message (not per PDU) where messages are accepted, and the
 * reassembler once per MO DELIVER; both allocate per message and neither blocks. The reassembler takes a short lock
 * because parts of one message may arrive on different connections (MO is low volume).
 */
package org.cmppgw.cmpp.sms;
