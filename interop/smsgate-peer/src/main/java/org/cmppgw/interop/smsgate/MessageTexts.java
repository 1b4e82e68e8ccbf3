package org.cmppgw.interop.smsgate;

/**
 * The texts the SP mode sends, by kind: {@code ascii} (one part, Msg_Fmt 0), {@code ucs2} (one part of Chinese,
 * Msg_Fmt 8) and {@code long} (Chinese over 3 parts of 67 characters, docs/cmpp-protocol.md §9).
 */
final class MessageTexts {
    private static final String CHINESE = "中国移动互联网短信网关互通测试";

    private MessageTexts() {
    }

    static String of(String kind, int n) {
        return switch (kind) {
            case "ascii" -> "interop ascii message " + n;
            case "ucs2" -> "互通测试短信 " + n;
            case "long" -> longText(n);
            default -> throw new IllegalArgumentException("--send kind: " + kind + " (expected: ascii, ucs2, long)");
        };
    }

    private static String longText(int n) {
        StringBuilder sb = new StringBuilder("长短信 ").append(n).append(' ');
        while (sb.length() < 180) {
            sb.append(CHINESE);
        }
        return sb.toString();
    }
}
