package org.cmppgw.simulator.ismg;

import org.cmppgw.cmpp.pdu.MsgContent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Long-message parts as the simulator needs them (cmpp-spec.md §9.3–§9.5): UCS2 text split into 67-character parts
 * behind the 6-byte concatenation UDH {@code 05 00 03 RR TT NN}, and a reader for the concatenation element of a
 * received UDH (8- or 16-bit reference). A stand-in: protocol-cmpp's {@code sms.Segmenter} should replace it once it
 * exists.
 */
public final class ConcatUdh {
    /** {@code 05 00 03 RR TT NN}. */
    public static final int UDH_LENGTH = 6;
    /** UCS2 characters in a single message: 140 bytes (§9.4). */
    public static final int SINGLE_UCS2_CHARS = 70;
    /** UCS2 characters per part behind a 6-byte UDH: 134 bytes (§9.4). */
    public static final int PART_UCS2_CHARS = 67;
    /** Longest text the simulator splits (255 parts would allow a little more). */
    public static final int MAX_TEXT_LENGTH = 2000;
    private static final int IEI_CONCAT_8 = 0x00;
    private static final int IEI_CONCAT_16 = 0x08;
    private static final int MAX_PARTS = 255;

    private ConcatUdh() {
    }

    /** The 6-byte UDH of part {@code number} of {@code total} with 8-bit {@code reference}. */
    public static byte[] header(int reference, int total, int number) {
        if (total < 1 || total > MAX_PARTS || number < 1 || number > total) {
            throw new IllegalArgumentException("part: " + number + "/" + total + " (expected: 1 <= number <= total <= "
                + MAX_PARTS + ")");
        }
        return new byte[] {0x05, IEI_CONCAT_8, 0x03, (byte) reference, (byte) total, (byte) number};
    }

    /**
     * {@code text} as UCS2 Msg_Content: one part without UDH when it fits 70 characters, else parts of at most 67
     * UTF-16 units (66 where a surrogate pair would be cut), each behind a concatenation UDH with {@code reference}.
     */
    public static List<MsgContent> ucs2Parts(String text, int reference) {
        if (text.length() <= SINGLE_UCS2_CHARS) {
            return List.of(MsgContent.adopt(text.getBytes(StandardCharsets.UTF_16BE)));
        }
        List<String> chunks = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + PART_UCS2_CHARS);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            chunks.add(text.substring(start, end));
            start = end;
        }
        if (chunks.size() > MAX_PARTS) {
            throw new IllegalArgumentException("text: " + text.length() + " characters (expected: at most "
                + MAX_PARTS + " parts)");
        }
        List<MsgContent> parts = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            byte[] udh = header(reference, chunks.size(), i + 1);
            byte[] body = chunks.get(i).getBytes(StandardCharsets.UTF_16BE);
            byte[] content = new byte[udh.length + body.length];
            System.arraycopy(udh, 0, content, 0, udh.length);
            System.arraycopy(body, 0, content, udh.length, body.length);
            parts.add(MsgContent.adopt(content));
        }
        return parts;
    }

    /**
     * The concatenation element of the UDH at the start of {@code content}: {@link Concat#NONE} when the UDH has
     * none, {@link Concat#MALFORMED} when the UDH runs past the content or an element past the UDH.
     */
    public static Concat read(MsgContent content) {
        if (content.length() == 0) {
            return Concat.MALFORMED;
        }
        int udhl = content.byteAt(0) & 0xFF;
        int end = 1 + udhl;
        if (end > content.length()) {
            return Concat.MALFORMED;
        }
        Concat found = Concat.NONE;
        int at = 1;
        while (at < end) {
            if (at + 2 > end) {
                return Concat.MALFORMED;
            }
            int iei = content.byteAt(at) & 0xFF;
            int length = content.byteAt(at + 1) & 0xFF;
            int data = at + 2;
            if (data + length > end) {
                return Concat.MALFORMED;
            }
            if (iei == IEI_CONCAT_8 && length == 3) {
                found = new Concat(u8(content, data), u8(content, data + 1), u8(content, data + 2));
            } else if (iei == IEI_CONCAT_16 && length == 4) {
                found = new Concat(u8(content, data) << 8 | u8(content, data + 1), u8(content, data + 2),
                    u8(content, data + 3));
            }
            at = data + length;
        }
        return found;
    }

    private static int u8(MsgContent content, int index) {
        return content.byteAt(index) & 0xFF;
    }

    /**
     * A concatenation element: reference, total parts, this part's number.
     *
     * @param reference shared by all parts of one message
     * @param total     TT
     * @param number    NN, 1-based
     */
    public record Concat(int reference, int total, int number) {
        /** The UDH has no concatenation element. */
        public static final Concat NONE = new Concat(0, 0, 0);
        /** The UDH is cut short or inconsistent. */
        public static final Concat MALFORMED = new Concat(-1, -1, -1);

        public boolean present() {
            return total > 0;
        }
    }
}
