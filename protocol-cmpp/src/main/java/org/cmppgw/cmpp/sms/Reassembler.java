package org.cmppgw.cmpp.sms;

import org.cmppgw.cmpp.pdu.CmppDeliver;
import org.cmppgw.cmpp.pdu.MsgContent;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Joins the parts of long MO messages (docs/cmpp-protocol.md §9.5). DELIVER has no Pk fields, so parts are keyed by
 * (Src_terminal_Id, Dest_Id, UDH reference, UDH total). Parts may come out of order, twice (a duplicate is ignored:
 * §15 #6, and a retransmitted part of a message already delivered is dropped for one timeout), on different
 * connections and with a different Msg_Fmt each: every part is decoded by its own format, and adjacent parts in the
 * same charset are decoded together so a character the sender's phone split across two parts survives. A message
 * with any binary part (§15 #9) is delivered as the joined bytes. A DELIVER without a concatenation element is
 * delivered at once.
 *
 * <p>Bounded: a message waits at most {@link ReassemblerOptions#timeout()} after its first part — {@link #expire()},
 * which the owner calls periodically, hands it over flagged incomplete — and at most {@link
 * ReassemblerOptions#maxPendingMessages()} messages and {@link ReassemblerOptions#maxPendingBytes()} payload bytes
 * wait at once; beyond either the oldest is handed over incomplete. So a hostile peer cannot grow the heap.
 *
 * <p>Thread-safe: parts of one message can arrive on several connections, hence several event loops. MO is low
 * volume, so one lock guards the pending table; it is held for map updates only, never while decoding. Answering the
 * DELIVER does not wait for reassembly (§9.5).
 */
public final class Reassembler {
    private final ReassemblerOptions options;
    private final Clock clock;
    private final Object lock = new Object();
    /** Waiting messages in order of their first part. Guarded by {@code lock}. */
    private final LinkedHashMap<PartKey, PendingMessage> pending = new LinkedHashMap<>();
    /** Keys of messages handed over complete, until when late duplicates of their parts are dropped. */
    private final LinkedHashMap<PartKey, Instant> delivered = new LinkedHashMap<>();
    private long pendingBytes;

    public Reassembler(ReassemblerOptions options, Clock clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Takes one MO DELIVER.
     *
     * @return the messages ready now: this one if it is single or completes a long message, plus any evicted to stay
     *         within the limits; empty while parts are missing or for a duplicate
     * @throws IllegalArgumentException for a status report
     * @throws UdhException             when TP_udhi is set and the UDH is invalid
     */
    public List<ReassembledMo> accept(CmppDeliver deliver) {
        if (deliver.isReport()) {
            throw new IllegalArgumentException("deliver: status report " + deliver.msgId() + " (expected: MO)");
        }
        MsgContent content = deliver.content();
        if (!deliver.hasUdh()) {
            return List.of(ReassembledMo.single(deliver, SmsText.decode(deliver.msgFmt(), content.toByteArray())));
        }
        Udh udh = Udh.parse(content);
        byte[] all = content.toByteArray();
        byte[] payload = Arrays.copyOfRange(all, udh.length(), all.length);
        boolean binary = udh.addressesApplicationPort() || SmsText.charsetOrNull(deliver.msgFmt()) == null;
        Optional<ConcatInfo> concat = udh.concat();
        if (concat.isEmpty() || concat.get().total() == 1) {
            SmsContent single = binary ? new SmsContent.Binary(Bytes.adopt(payload))
                : SmsText.decode(deliver.msgFmt(), payload);
            return List.of(ReassembledMo.single(deliver, single));
        }
        ConcatInfo info = concat.get();
        PartKey key = new PartKey(deliver.srcTerminalId(), deliver.destId(), info.reference(), info.total());
        MoPart part = new MoPart(deliver.msgFmt(), binary, payload);
        List<PendingMessage> ready;
        synchronized (lock) {
            ready = acceptLocked(key, info.number(), part, deliver.linkId());
        }
        return toMessages(ready);
    }

    /**
     * Hands over every message whose timeout has passed, flagged incomplete, and forgets delivered keys as old.
     * Call it periodically (e.g. every few seconds) from any thread.
     */
    public List<ReassembledMo> expire() {
        List<PendingMessage> expired = new ArrayList<>();
        synchronized (lock) {
            Instant now = clock.instant();
            // Insertion order is first-part order and the timeout is constant: stop at the first one still waiting.
            Iterator<PendingMessage> messages = pending.values().iterator();
            while (messages.hasNext()) {
                PendingMessage message = messages.next();
                if (now.isBefore(message.deadline)) {
                    break;
                }
                messages.remove();
                pendingBytes -= message.bytes;
                expired.add(message);
            }
            Iterator<Instant> keys = delivered.values().iterator();
            while (keys.hasNext() && !now.isBefore(keys.next())) {
                keys.remove();
            }
        }
        return toMessages(expired);
    }

    /** Messages waiting for parts. */
    public int pendingMessages() {
        synchronized (lock) {
            return pending.size();
        }
    }

    /** Payload bytes held for waiting messages. */
    public long pendingBytes() {
        synchronized (lock) {
            return pendingBytes;
        }
    }

    private List<PendingMessage> acceptLocked(PartKey key, int number, MoPart part, String linkId) {
        Instant now = clock.instant();
        Instant dropUntil = delivered.get(key);
        if (dropUntil != null) {
            if (now.isBefore(dropUntil)) {
                return List.of(); // a retransmitted part of a message we already handed over
            }
            delivered.remove(key);
        }
        PendingMessage message = pending.get(key);
        if (message == null) {
            message = new PendingMessage(key, now.plus(options.timeout()));
            pending.put(key, message);
        }
        if (!message.add(number, part, linkId)) {
            return List.of();
        }
        pendingBytes += part.payload.length;
        List<PendingMessage> ready = new ArrayList<>(1);
        if (message.received == key.total) {
            pending.remove(key);
            pendingBytes -= message.bytes;
            rememberDelivered(key, now.plus(options.timeout()));
            ready.add(message);
        }
        while (pending.size() > options.maxPendingMessages() || pendingBytes > options.maxPendingBytes()) {
            PendingMessage oldest = pending.values().iterator().next();
            pending.remove(oldest.key);
            pendingBytes -= oldest.bytes;
            ready.add(oldest);
        }
        return ready;
    }

    private void rememberDelivered(PartKey key, Instant until) {
        delivered.remove(key);
        delivered.put(key, until);
        if (delivered.size() > options.maxPendingMessages()) {
            delivered.remove(delivered.keySet().iterator().next());
        }
    }

    private static List<ReassembledMo> toMessages(List<PendingMessage> ready) {
        if (ready.isEmpty()) {
            return List.of();
        }
        List<ReassembledMo> messages = new ArrayList<>(ready.size());
        for (PendingMessage message : ready) {
            messages.add(message.toMessage());
        }
        return messages;
    }

    /** What identifies the parts of one long MO message (§9.5). */
    private record PartKey(String srcTerminalId, String destId, int reference, int total) {
    }

    /** The parts of one message so far. Mutated under the lock; read only after it left the table. */
    private static final class PendingMessage {
        final PartKey key;
        final Instant deadline;
        final MoPart[] parts;
        int received;
        long bytes;
        String linkId = "";

        PendingMessage(PartKey key, Instant deadline) {
            this.key = key;
            this.deadline = deadline;
            this.parts = new MoPart[key.total];
        }

        /** False for a part number seen before: the first copy wins. */
        boolean add(int number, MoPart part, String partLinkId) {
            if (parts[number - 1] != null) {
                return false;
            }
            parts[number - 1] = part;
            received++;
            bytes += part.payload.length;
            if (linkId.isEmpty()) {
                linkId = partLinkId;
            }
            return true;
        }

        ReassembledMo toMessage() {
            return new ReassembledMo(key.srcTerminalId, key.destId, linkId, MoPart.join(parts), received, key.total,
                MoPart.msgFmts(parts));
        }
    }
}
