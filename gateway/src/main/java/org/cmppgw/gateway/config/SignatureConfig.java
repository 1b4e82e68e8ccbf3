package org.cmppgw.gateway.config;

/**
 * One entry of {@code signatures}: the text a message starts with, as {@code 【text】} (JSMS signature rules:
 * 2–16 characters, no brackets of its own).
 *
 * @param id   the {@code sign_id} requests name
 * @param text 2–16 characters
 */
public record SignatureConfig(int id, String text) {
    public static final int MIN_LENGTH = 2;
    public static final int MAX_LENGTH = 16;

    public SignatureConfig {
        ConfigChecks.atLeast("id", id, 1);
        ConfigChecks.text("text", text);
        int length = text.codePointCount(0, text.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH || text.indexOf('【') >= 0 || text.indexOf('】') >= 0) {
            throw new IllegalArgumentException("text: \"" + text + "\" (expected: " + MIN_LENGTH + "–" + MAX_LENGTH
                + " characters without 【 】)");
        }
    }

    /** {@code 【text】}, the prefix of every message signed with this signature. */
    public String prefix() {
        return "【" + text + "】";
    }
}
