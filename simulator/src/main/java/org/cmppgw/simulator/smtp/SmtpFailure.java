package org.cmppgw.simulator.smtp;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A failure to inject: RCPT TO for a matching recipient is answered with {@code code text} instead of 250.
 *
 * @param recipient a case-insensitive glob over the address: {@code *} is any run of characters, {@code ?} one
 *                  character ({@code fail@example.com}, {@code *@blocked.example}, {@code busy-*@*})
 * @param code      the SMTP reply code, 400–599 (4xx is transient: the client should retry; 5xx is permanent)
 * @param text      the reply text after the code, e.g. {@code 5.1.1 no such user}
 */
public record SmtpFailure(String recipient, int code, String text) {
    private static final Pattern CLI_FORM = Pattern.compile("^(.+?)=([45]\\d\\d)(?:\\s+(.*))?$");

    public SmtpFailure {
        if (recipient == null || recipient.isBlank()) {
            throw new IllegalArgumentException("recipient: " + recipient + " (expected: an address or glob)");
        }
        if (code < 400 || code > 599) {
            throw new IllegalArgumentException("code: " + code + " (expected: 400..599)");
        }
        if (text == null || text.isBlank()) {
            text = code < 500 ? "4.3.0 try again later" : "5.1.1 mailbox unavailable";
        }
    }

    /** Parses {@code glob=code text} as given on the command line, e.g. {@code *@blocked.example=550 no such user}. */
    public static SmtpFailure parse(String text) {
        Matcher m = CLI_FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("--fail: " + text + " (expected: glob=4xx|5xx [text])");
        }
        return new SmtpFailure(m.group(1), Integer.parseInt(m.group(2)), m.group(3));
    }

    /** The glob as a case-insensitive regular expression. */
    Pattern pattern() {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < recipient.length(); i++) {
            char c = recipient.charAt(i);
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }
}
