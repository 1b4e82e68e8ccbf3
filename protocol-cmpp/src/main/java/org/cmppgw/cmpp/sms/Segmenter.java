package org.cmppgw.cmpp.sms;

import org.cmppgw.cmpp.pdu.CmppSubmit;
import org.cmppgw.cmpp.pdu.MsgContent;
import org.cmppgw.cmpp.pdu.MsgFmt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Splits an outbound text into the parts of a long message, one {@link SubmitPart} per CMPP_SUBMIT
 * (docs/cmpp-protocol.md §9.3–§9.5). Part sizes follow §9.4:
 *
 * <table>
 *   <caption>Payload per part</caption>
 *   <tr><th>Msg_Fmt</th><th>single</th><th>6-byte UDH (8-bit ref)</th><th>7-byte UDH (16-bit ref)</th></tr>
 *   <tr><td>8 UCS2</td><td>70 units</td><td>67 units</td><td>66 units</td></tr>
 *   <tr><td>15 GBK</td><td>140 B</td><td>134 B</td><td>133 B</td></tr>
 *   <tr><td>4 binary</td><td>140 B</td><td>134 B</td><td>133 B</td></tr>
 *   <tr><td>0 ASCII</td><td>asciiMax (159)</td><td colspan="2">never: long ASCII goes as UCS2</td></tr>
 * </table>
 *
 * <p>A cut never separates a UTF-16 surrogate pair (that part carries one unit less) nor the two bytes of a GBK
 * character. A signature reserve ({@link SegmenterOptions}) shrinks the first or every part. A message needing more
 * than 255 parts is an argument error. The concatenation reference is drawn once per multi-part message from the
 * options' supplier; single messages draw none. Thread-safe if the reference supplier is.
 */
public final class Segmenter {
    /** Msg_Content of one message on air: 140 octets (§9.1). */
    public static final int MAX_PAYLOAD_BYTES = 140;
    /** UCS2 units in a single message: 140 / 2 (§9.4). */
    public static final int UCS2_SINGLE_UNITS = MAX_PAYLOAD_BYTES / 2;

    private final SegmenterOptions options;

    public Segmenter(SegmenterOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public SegmenterOptions options() {
        return options;
    }

    /** Splits {@code text} in the format of the [R] rule of §9.1: ASCII if it fits one part, otherwise UCS2. */
    public List<SubmitPart> split(String text) {
        return split(text, SmsText.outboundFormat(text, asciiCapacity()));
    }

    /**
     * Splits {@code text} in {@code format}: ASCII (a single part only), UCS2 or GBK.
     *
     * @throws IllegalArgumentException when the format cannot carry the text, ASCII needs more than one part, or the
     *                                  text needs more than 255 parts
     */
    public List<SubmitPart> split(String text, MsgFmt format) {
        return switch (format) {
            case ASCII -> splitAscii(text);
            case UCS2 -> pack(SmsText.encode(text, MsgFmt.UCS2), MsgFmt.UCS2, 2 * options.signatureReserve());
            case GBK -> pack(SmsText.encode(text, MsgFmt.GBK), MsgFmt.GBK, 2 * options.signatureReserve());
            case BINARY, WRITE_CARD -> throw new IllegalArgumentException(
                "format: " + format + " (expected: ASCII, UCS2 or GBK; use splitBinary for bytes)");
        };
    }

    /**
     * Splits raw bytes as Msg_Fmt 4 (140 / 134 / 133 bytes per part). Only a concatenation element is added; a
     * payload that needs its own UDH elements (ports) must be built by the caller.
     *
     * @throws IllegalArgumentException when the data needs more than 255 parts
     */
    public List<SubmitPart> splitBinary(byte[] data) {
        return pack(data.clone(), MsgFmt.BINARY, 0);
    }

    /**
     * One CMPP_SUBMIT per part: sets Pk_total, Pk_number, TP_udhi, Msg_Fmt and Msg_Content on {@code template}
     * (which is modified; it keeps the last part's values) and builds. Everything else — Src_Id, destinations,
     * Registered_Delivery, fees — is the template's and therefore the same for all parts, as §9.5 requires.
     */
    public static List<CmppSubmit> toSubmits(List<SubmitPart> parts, CmppSubmit.Builder template) {
        List<CmppSubmit> submits = new ArrayList<>(parts.size());
        for (SubmitPart part : parts) {
            submits.add(template.pkTotal(part.pkTotal())
                .pkNumber(part.pkNumber())
                .tpUdhi(part.tpUdhi())
                .msgFmt(part.msgFmt().code())
                .msgContent(part.content())
                .build());
        }
        return Collections.unmodifiableList(submits);
    }

    /**
     * Septets an ASCII single part may use. With a signature reserve the text plus the signature must fit one UCS2
     * message, see {@link SegmenterOptions}.
     */
    int asciiCapacity() {
        int reserve = options.signatureReserve();
        return reserve == 0 ? options.asciiMax() : Math.min(options.asciiMax(), UCS2_SINGLE_UNITS - reserve);
    }

    private List<SubmitPart> splitAscii(String text) {
        byte[] bytes = SmsText.encode(text, MsgFmt.ASCII);
        int septets = SmsText.asciiSeptets(text);
        int cost = septets >= 0 ? septets : bytes.length;
        if (cost > asciiCapacity()) {
            throw new IllegalArgumentException("text: " + cost + " septets (expected: at most " + asciiCapacity()
                + " in one Msg_Fmt 0 part; long text goes as UCS2)");
        }
        return List.of(new SubmitPart(1, 1, 0, MsgFmt.ASCII, MsgContent.adopt(bytes)));
    }

    /** Cuts {@code payload} into parts; {@code reserveBytes} is the signature room, 0 for binary. */
    private List<SubmitPart> pack(byte[] payload, MsgFmt format, int reserveBytes) {
        if (payload.length <= MAX_PAYLOAD_BYTES - reserveBytes) {
            return List.of(new SubmitPart(1, 1, 0, format, MsgContent.adopt(payload)));
        }
        ReferenceWidth width = options.referenceWidth();
        int perPart = MAX_PAYLOAD_BYTES - width.udhLength();
        if (format == MsgFmt.UCS2) {
            perPart &= ~1; // 133 bytes hold 66 units: the odd byte is unusable
        }
        boolean everyPart = options.signatureScope() == SegmenterOptions.SignatureScope.EVERY_PART;
        int firstCapacity = perPart - reserveBytes;
        int otherCapacity = everyPart ? firstCapacity : perPart;
        int[] ends = cutPoints(payload, format, firstCapacity, otherCapacity);
        int total = ends.length;
        int reference = options.references().getAsInt() & width.maxReference();
        List<SubmitPart> parts = new ArrayList<>(total);
        int start = 0;
        for (int i = 0; i < total; i++) {
            ConcatInfo concat = new ConcatInfo(width, reference, total, i + 1);
            byte[] content = new byte[width.udhLength() + ends[i] - start];
            concat.writeUdh(content);
            System.arraycopy(payload, start, content, width.udhLength(), ends[i] - start);
            parts.add(new SubmitPart(total, i + 1, 1, format, MsgContent.adopt(content)));
            start = ends[i];
        }
        return Collections.unmodifiableList(parts);
    }

    /** End offsets of the parts; fails before building anything when more than 255 parts would be needed. */
    private static int[] cutPoints(byte[] payload, MsgFmt format, int firstCapacity, int otherCapacity) {
        int[] ends = new int[ConcatInfo.MAX_PARTS];
        int count = 0;
        int pos = 0;
        while (pos < payload.length) {
            if (count == ConcatInfo.MAX_PARTS) {
                throw new IllegalArgumentException("payload: " + payload.length + " bytes as " + format
                    + " (expected: at most 255 parts, ended at byte " + pos + ")");
            }
            int end = cut(payload, format, pos, count == 0 ? firstCapacity : otherCapacity);
            ends[count++] = end;
            pos = end;
        }
        return Arrays.copyOf(ends, count);
    }

    /** Where a part starting at {@code pos} with {@code capacity} bytes ends, on a character boundary. */
    private static int cut(byte[] payload, MsgFmt format, int pos, int capacity) {
        int limit = Math.min(payload.length, pos + capacity);
        if (limit == payload.length) {
            return limit;
        }
        return switch (format) {
            case UCS2 -> isHighSurrogate(payload, limit - 2) ? limit - 2 : limit;
            case GBK -> gbkBoundary(payload, pos, limit);
            default -> limit;
        };
    }

    /** Whether the UTF-16BE unit at {@code offset} is a high (leading) surrogate, 0xD800–0xDBFF. */
    private static boolean isHighSurrogate(byte[] utf16be, int offset) {
        return (utf16be[offset] & 0xFC) == 0xD8;
    }

    /** The last character boundary at or before {@code limit}: GBK lead bytes 0x81–0xFE start 2-byte characters. */
    private static int gbkBoundary(byte[] gbk, int pos, int limit) {
        int i = pos;
        while (i < limit) {
            int b = gbk[i] & 0xFF;
            int length = b >= 0x81 && b <= 0xFE ? 2 : 1;
            if (i + length > limit) {
                break;
            }
            i += length;
        }
        return i;
    }
}
