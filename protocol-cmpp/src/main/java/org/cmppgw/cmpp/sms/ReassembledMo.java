package org.cmppgw.cmpp.sms;

import org.cmppgw.cmpp.pdu.CmppDeliver;

import java.util.List;
import java.util.Objects;

/**
 * An MO (uplink) message as the user wrote it: one DELIVER, or the parts of a long message joined by {@link
 * Reassembler} (docs/cmpp-protocol.md §9.5). An incomplete message — some parts never came before the timeout, or it
 * was evicted to bound memory — carries the parts that did arrive, in order, without markers for the gaps.
 *
 * @param srcTerminalId the sender's number (Src_terminal_Id)
 * @param destId        the number the user wrote to (Dest_Id: service code plus extension, §10.3)
 * @param linkId        the 3.0 LinkID of the first part that had one, to copy into the answering SUBMIT; or empty
 * @param content       the joined text, or the joined bytes when any part was binary
 * @param partsReceived distinct parts that arrived
 * @param partsTotal    parts the message announced (1 for a single message)
 * @param msgFmts       the raw Msg_Fmt of each received part, in part order
 */
public record ReassembledMo(String srcTerminalId, String destId, String linkId, SmsContent content,
                            int partsReceived, int partsTotal, List<Integer> msgFmts) {
    public ReassembledMo {
        Objects.requireNonNull(srcTerminalId, "srcTerminalId");
        Objects.requireNonNull(destId, "destId");
        Objects.requireNonNull(linkId, "linkId");
        Objects.requireNonNull(content, "content");
        if (partsTotal < 1 || partsTotal > ConcatInfo.MAX_PARTS) {
            throw new IllegalArgumentException("partsTotal: " + partsTotal + " (expected: 1..255)");
        }
        if (partsReceived < 1 || partsReceived > partsTotal) {
            throw new IllegalArgumentException(
                "partsReceived: " + partsReceived + " (expected: 1.." + partsTotal + ")");
        }
        msgFmts = List.copyOf(msgFmts);
        if (msgFmts.size() != partsReceived) {
            throw new IllegalArgumentException(
                "msgFmts: " + msgFmts.size() + " values (expected: " + partsReceived + ", one per part)");
        }
    }

    /** A single DELIVER that is a whole message by itself. */
    static ReassembledMo single(CmppDeliver deliver, SmsContent content) {
        return new ReassembledMo(deliver.srcTerminalId(), deliver.destId(), deliver.linkId(), content, 1, 1,
            List.of(deliver.msgFmt()));
    }

    /** All announced parts arrived. */
    public boolean complete() {
        return partsReceived == partsTotal;
    }

    public boolean isBinary() {
        return content instanceof SmsContent.Binary;
    }

    /**
     * The text.
     *
     * @throws IllegalStateException when the message is binary
     */
    public String text() {
        if (content instanceof SmsContent.Text text) {
            return text.text();
        }
        throw new IllegalStateException("mo from " + srcTerminalId + " - is binary, not text");
    }
}
