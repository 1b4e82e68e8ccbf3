package org.cmppgw.cmpp.sms;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One received part of a long MO message — its raw Msg_Fmt, whether it is binary, the payload after the UDH — and
 * the rule that joins the parts (docs/cmpp-protocol.md §9.5). The payload array is owned by the part and never changed.
 */
final class MoPart {
    final int msgFmt;
    final boolean binary;
    final byte[] payload;

    MoPart(int msgFmt, boolean binary, byte[] payload) {
        this.msgFmt = msgFmt;
        this.binary = binary;
        this.payload = payload;
    }

    /**
     * Joins the received parts ({@code null} = missing) in part order. Any binary part makes the whole message binary
     * (the joined payload bytes). Otherwise each part is decoded by its own Msg_Fmt; runs of adjacent parts with the
     * same charset are decoded together, so a surrogate pair or GBK character split across parts stays whole. A UCS2
     * part of odd length ends its run, so one malformed part cannot shift the parts after it.
     */
    static SmsContent join(MoPart[] parts) {
        int totalBytes = 0;
        boolean binary = false;
        for (MoPart part : parts) {
            if (part != null) {
                totalBytes += part.payload.length;
                binary |= part.binary;
            }
        }
        if (binary) {
            return new SmsContent.Binary(Bytes.adopt(concat(parts, 0, parts.length, totalBytes)));
        }
        StringBuilder text = new StringBuilder(totalBytes);
        int i = 0;
        while (i < parts.length) {
            if (parts[i] == null) {
                i++;
                continue;
            }
            Charset charset = SmsText.charsetOrNull(parts[i].msgFmt);
            int length = parts[i].payload.length;
            int j = i + 1;
            while (j < parts.length && parts[j] != null && charset.equals(SmsText.charsetOrNull(parts[j].msgFmt))
                && (charset != StandardCharsets.UTF_16BE || length % 2 == 0)) {
                length += parts[j].payload.length;
                j++;
            }
            text.append(new String(concat(parts, i, j, length), charset));
            i = j;
        }
        return new SmsContent.Text(text.toString());
    }

    /** The raw Msg_Fmt of each received part, in part order. */
    static List<Integer> msgFmts(MoPart[] parts) {
        List<Integer> formats = new ArrayList<>(parts.length);
        for (MoPart part : parts) {
            if (part != null) {
                formats.add(part.msgFmt);
            }
        }
        return formats;
    }

    private static byte[] concat(MoPart[] parts, int from, int to, int length) {
        byte[] out = new byte[length];
        int pos = 0;
        for (int i = from; i < to; i++) {
            if (parts[i] != null) {
                System.arraycopy(parts[i].payload, 0, out, pos, parts[i].payload.length);
                pos += parts[i].payload.length;
            }
        }
        return out;
    }
}
