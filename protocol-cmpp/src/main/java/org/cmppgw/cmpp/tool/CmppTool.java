package org.cmppgw.cmpp.tool;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.codec.CmppCodecException;
import org.cmppgw.cmpp.codec.CmppDecoder;
import org.cmppgw.cmpp.pdu.CmppPdu;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The operator's CMPP inspector, main class of {@code cmpp-tool.jar}: {@code decode} prints one hex PDU (from a
 * packet capture or a log) as JSON, with the field names of the spec and the golden vectors
 * (docs/cmpp-protocol.md §17). It decodes exactly as the gateway does ({@link CmppDecoder#decodeFrame}), so what it
 * rejects the gateway rejects too.
 *
 * <p>Exit status: 0 decoded, 1 malformed input (one line on stderr names the problem), 2 bad usage.
 */
public final class CmppTool {
    static final String USAGE = "usage: java -jar cmpp-tool.jar decode --version 2.0|3.0 [HEX]";
    static final int OK = 0;
    static final int MALFORMED = 1;
    static final int BAD_USAGE = 2;
    /** More than any PDU needs (4096 bytes are 8192 digits) and enough for commented golden files. */
    private static final int MAX_INPUT_CHARS = 1 << 20;
    private static final String HELP = USAGE + "\n"
        + "  Decodes one CMPP PDU, header included, and prints its fields as JSON (field names as in\n"
        + "  docs/cmpp-protocol.md).\n"
        + "  HEX comes from the arguments or, when there are none, from standard input; whitespace, 0x prefixes,\n"
        + "  either case and '#' comments are ignored.\n"
        + "  --version   the link's layout, 2.0 or 3.0 (SUBMIT and DELIVER differ, section 14)\n"
        + "  Exit status: 0 decoded, 1 malformed input (one line on stderr), 2 bad usage.\n";

    private CmppTool() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Runs one command line; returns the exit status. */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println(USAGE);
            return BAD_USAGE;
        }
        if (Arrays.stream(args).anyMatch(CmppTool::isHelp)) {
            out.print(HELP);
            return OK;
        }
        if (!"decode".equals(args[0])) {
            return usageError(err, "unknown command \"" + args[0] + "\" (expected: decode)");
        }
        DecodeArgs decodeArgs;
        try {
            decodeArgs = DecodeArgs.parse(Arrays.copyOfRange(args, 1, args.length));
        } catch (IllegalArgumentException e) {
            return usageError(err, e.getMessage());
        }
        String hexText = decodeArgs.hex().isEmpty() ? readAll(in) : String.join(" ", decodeArgs.hex());
        return decode(hexText, decodeArgs.version(), out, err);
    }

    /** The options of {@code decode}: {@code --version V} or {@code --version=V}, then hex groups. */
    private record DecodeArgs(CmppVersion version, List<String> hex) {
        private static final String VERSION = "--version";

        static DecodeArgs parse(String[] args) {
            CmppVersion version = null;
            List<String> hex = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals(VERSION) || arg.startsWith(VERSION + "=")) {
                    String value;
                    if (arg.equals(VERSION)) {
                        value = i + 1 < args.length ? args[++i] : "";
                    } else {
                        value = arg.substring(VERSION.length() + 1);
                    }
                    version = version(value);
                } else if (arg.startsWith("--")) {
                    throw new IllegalArgumentException("unknown option " + arg);
                } else {
                    hex.add(arg);
                }
            }
            if (version == null) {
                throw new IllegalArgumentException("--version is required (expected: 2.0 or 3.0)");
            }
            return new DecodeArgs(version, hex);
        }

        private static CmppVersion version(String value) {
            try {
                return CmppVersion.parse(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--version: \"" + value + "\" (expected: 2.0 or 3.0)", e);
            }
        }
    }

    private static int decode(String hexText, CmppVersion version, PrintStream out, PrintStream err) {
        byte[] bytes;
        try {
            if (hexText.length() > MAX_INPUT_CHARS) {
                throw new IllegalArgumentException("input: more than " + MAX_INPUT_CHARS + " characters");
            }
            bytes = HexInput.parse(hexText);
            checkFrame(bytes);
        } catch (IllegalArgumentException e) {
            return malformed(err, e.getMessage());
        }
        ByteBuf frame = Unpooled.wrappedBuffer(bytes);
        Object decoded;
        try {
            decoded = CmppDecoder.decodeFrame(frame, version);
        } finally {
            frame.release();
        }
        if (decoded instanceof CmppCodecException e) {
            return malformed(err, e.getMessage());
        }
        try {
            CmppPdu pdu = (CmppPdu) decoded;
            PduJson.write(pdu, version, WireLayout.of(bytes, pdu, version), out);
        } catch (IOException e) {
            throw new UncheckedIOException("decode - cannot write the JSON", e);
        }
        return OK;
    }

    /** The framing checks of {@link CmppDecoder}, with messages for a whole frame that is already in hand. */
    private static void checkFrame(byte[] bytes) {
        if (bytes.length < CmppDecoder.HEADER_LENGTH) {
            throw new IllegalArgumentException(
                "truncated: " + bytes.length + " bytes (expected: at least the 12-byte header)");
        }
        long totalLength = Integer.toUnsignedLong(
            (bytes[0] & 0xFF) << 24 | (bytes[1] & 0xFF) << 16 | (bytes[2] & 0xFF) << 8 | bytes[3] & 0xFF);
        if (totalLength < CmppDecoder.HEADER_LENGTH) {
            throw new IllegalArgumentException("Total_Length: " + totalLength + " (expected: >= 12)");
        }
        if (totalLength > CmppDecoder.DEFAULT_MAX_FRAME_LENGTH) {
            throw new IllegalArgumentException("Total_Length: " + totalLength + " (expected: <= "
                + CmppDecoder.DEFAULT_MAX_FRAME_LENGTH + ", the frame limit)");
        }
        if (totalLength > bytes.length) {
            throw new IllegalArgumentException(
                "truncated: Total_Length is " + totalLength + " but the input has " + bytes.length + " bytes");
        }
        if (totalLength < bytes.length) {
            throw new IllegalArgumentException("Total_Length is " + totalLength + " but the input has "
                + bytes.length + " bytes (expected: exactly one PDU)");
        }
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readNBytes(MAX_INPUT_CHARS + 1), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("decode - cannot read standard input", e);
        }
    }

    private static boolean isHelp(String arg) {
        return "--help".equals(arg) || "-h".equals(arg) || "help".equals(arg);
    }

    private static int malformed(PrintStream err, String problem) {
        err.println("cmpp-tool: decode - " + oneLine(problem));
        return MALFORMED;
    }

    private static int usageError(PrintStream err, String problem) {
        err.println("cmpp-tool: " + problem + "; " + USAGE);
        return BAD_USAGE;
    }

    private static String oneLine(String text) {
        return text == null ? "unknown error" : text.replace('\n', ' ').replace('\r', ' ');
    }
}
