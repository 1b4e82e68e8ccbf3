package org.cmppgw.cmpp.sms;

import org.cmppgw.cmpp.pdu.MsgContent;
import org.cmppgw.cmpp.pdu.MsgFmt;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Text ↔ Msg_Content bytes by Msg_Fmt (docs/cmpp-protocol.md §9.1).
 *
 * <p>Outbound ({@link #encode}) is strict: a character the format cannot carry is an argument error, never a silent
 * '?'. The format choice ({@link #outboundFormat}) is the [R] rule of §9.1: printable ASCII that fits one part goes
 * as Msg_Fmt 0, everything else as UCS2; GBK only when a caller asks for it.
 *
 * <p>Inbound ({@link #decode}) follows each message's own raw Msg_Fmt: 0 as ISO-8859-1 (the ASCII range plus any
 * high byte a peer sends, without loss), 8 as UTF-16BE, 15 as GB18030 (a superset of GBK and GB2312); 3 and 4 are
 * binary. Other values are read as a GSM 03.38 DCS by bits 3–2: 00 default alphabet (text, as ISO-8859-1), 01 8-bit
 * (binary), 10 UCS2, 11 reserved (binary). A UDH with an application-port element makes the payload binary whatever
 * the Msg_Fmt (§15 #9). Malformed text (an odd UCS2 byte, an invalid GB sequence) decodes to U+FFFD: an MO message
 * is delivered, not dropped.
 */
public final class SmsText {
    /** Msg_Fmt 0 single-part limit: "less than 160 bytes" (§9.1). */
    public static final int DEFAULT_ASCII_MAX = 159;
    /** The lowest configurable ASCII limit, for carriers that cap at the 140 octets on air (§16). */
    public static final int MIN_ASCII_MAX = 140;

    private static final Charset GBK = Charset.forName("GBK");
    private static final Charset GB18030 = Charset.forName("GB18030");
    /** DCS bits 3–2 (GSM 03.38 §4): the alphabet. */
    private static final int DCS_ALPHABET_MASK = 0x0C;
    private static final int DCS_DEFAULT_ALPHABET = 0x00;
    private static final int DCS_UCS2 = 0x08;

    private SmsText() {
    }

    /**
     * What a printable-ASCII text costs on air in GSM 7-bit septets (the ISMG converts Msg_Fmt 0 to the GSM
     * default alphabet, §9.1): 1 per character, 2 for the extension-table characters {@code ^ { } \ [ ~ ] |}.
     *
     * @return the septet count, or -1 when the text holds a character outside printable ASCII (CR and LF allowed)
     *         or one the GSM alphabet lacks (the backtick)
     */
    public static int asciiSeptets(String text) {
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                septets++;
            } else if (c < 0x20 || c > 0x7E || c == '`') {
                return -1;
            } else {
                septets += switch (c) {
                    case '^', '{', '}', '\\', '[', '~', ']', '|' -> 2;
                    default -> 1;
                };
            }
        }
        return septets;
    }

    /**
     * The [R] outbound choice of §9.1: {@link MsgFmt#ASCII} when the text is printable ASCII whose septet cost
     * ({@link #asciiSeptets}) is at most {@code asciiCapacity}, otherwise {@link MsgFmt#UCS2}. Counting septets,
     * not bytes, keeps a text the ISMG must re-encode within one 160-septet message.
     */
    public static MsgFmt outboundFormat(String text, int asciiCapacity) {
        int septets = asciiSeptets(text);
        return septets >= 0 && septets <= asciiCapacity ? MsgFmt.ASCII : MsgFmt.UCS2;
    }

    /**
     * Encodes {@code text} as Msg_Fmt {@code format}: ASCII (1 byte per character, 0x00–0x7F only), UCS2
     * (UTF-16BE, no BOM) or GBK.
     *
     * @throws IllegalArgumentException for a character the format cannot carry, a lone surrogate, or a binary format
     */
    public static byte[] encode(String text, MsgFmt format) {
        return switch (format) {
            // Fast paths; the strict encoder only runs to name the bad character.
            case ASCII -> isAscii(text) ? text.getBytes(StandardCharsets.US_ASCII)
                : encodeStrict(text, StandardCharsets.US_ASCII, format);
            case UCS2 -> isWellFormedUtf16(text) ? utf16be(text)
                : encodeStrict(text, StandardCharsets.UTF_16BE, format);
            case GBK -> encodeStrict(text, GBK, format);
            case BINARY, WRITE_CARD -> throw new IllegalArgumentException(
                "format: " + format + " (expected: ASCII, UCS2 or GBK; binary payloads are not text)");
        };
    }

    /**
     * A well-formed string's UTF-16BE bytes: each char high byte first. String.getBytes builds a charset encoder for
     * UTF-16 on every call (only UTF-8, ISO-8859-1 and ASCII have fast paths), which cost the API a sixth of its CPU.
     */
    private static byte[] utf16be(String text) {
        byte[] out = new byte[text.length() * 2];
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out[2 * i] = (byte) (c >>> 8);
            out[2 * i + 1] = (byte) c;
        }
        return out;
    }

    /** The charset that decodes raw Msg_Fmt {@code msgFmt}, or empty when such payloads are binary. */
    public static Optional<Charset> charsetOf(int msgFmt) {
        return Optional.ofNullable(charsetOrNull(msgFmt));
    }

    /** Decodes a payload (UDH already removed) by its raw Msg_Fmt: {@link SmsContent.Text} or binary. */
    public static SmsContent decode(int msgFmt, byte[] payload) {
        Charset charset = charsetOrNull(msgFmt);
        return charset == null
            ? new SmsContent.Binary(Bytes.of(payload))
            : new SmsContent.Text(new String(payload, charset));
    }

    /**
     * Decodes one message's Msg_Content: skips the UDH when TP_udhi is set (1 or 0x40, §15 #5) and reports the
     * payload as binary when the UDH addresses an application port.
     *
     * @throws UdhException when TP_udhi is set and the header is invalid
     */
    public static SmsContent decode(int msgFmt, int tpUdhi, MsgContent content) {
        byte[] all = content.toByteArray();
        if ((tpUdhi & 0x41) == 0) {
            return decode(msgFmt, all);
        }
        Udh udh = Udh.parse(content);
        byte[] payload = Arrays.copyOfRange(all, udh.length(), all.length);
        return udh.addressesApplicationPort() ? new SmsContent.Binary(Bytes.adopt(payload)) : decode(msgFmt, payload);
    }

    static Charset charsetOrNull(int msgFmt) {
        return switch (msgFmt) {
            case 0 -> StandardCharsets.ISO_8859_1;
            case 3, 4 -> null; // SIM card write, binary
            case 8 -> StandardCharsets.UTF_16BE;
            case 15 -> GB18030;
            default -> dcsCharsetOrNull(msgFmt);
        };
    }

    /** A value the spec does not name, read as the GSM 03.38 DCS byte it is in practice (§9.1 [R]). */
    private static Charset dcsCharsetOrNull(int dcs) {
        int alphabet = dcs & DCS_ALPHABET_MASK;
        if (alphabet == DCS_DEFAULT_ALPHABET) {
            return StandardCharsets.ISO_8859_1;
        }
        return alphabet == DCS_UCS2 ? StandardCharsets.UTF_16BE : null;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7F) {
                return false;
            }
        }
        return true;
    }

    /** No lone surrogate: every high surrogate is followed by a low one, and no low one stands alone. */
    private static boolean isWellFormedUtf16(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] encodeStrict(String text, Charset charset, MsgFmt format) {
        CharsetEncoder encoder = charset.newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer buffer = encoder.encode(CharBuffer.wrap(text));
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("text: " + describeUnencodable(text, charset) + " (expected: "
                + "characters " + format + " can carry)", e);
        }
    }

    private static String describeUnencodable(String text, Charset charset) {
        CharsetEncoder probe = charset.newEncoder();
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            int cp = text.codePointAt(i);
            String one = text.substring(i, i + Character.charCount(cp));
            if (one.length() == 1 && Character.isSurrogate(one.charAt(0)) || !probe.canEncode(one)) {
                return "U+" + Integer.toHexString(cp).toUpperCase(Locale.ROOT) + " at index " + i;
            }
        }
        return "a character";
    }
}
