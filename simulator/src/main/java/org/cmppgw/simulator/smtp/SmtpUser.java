package org.cmppgw.simulator.smtp;

/**
 * An account the sink accepts for AUTH PLAIN and LOGIN.
 *
 * @param user     the login name
 * @param password the password; never printed
 */
public record SmtpUser(String user, String password) {
    public SmtpUser {
        if (user == null || user.isEmpty()) {
            throw new IllegalArgumentException("user: " + user + " (expected: a non-empty login name)");
        }
        if (password == null) {
            throw new IllegalArgumentException("password: null (expected: a password)");
        }
    }

    /** Parses {@code user:password} as given on the command line. */
    public static SmtpUser parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--user: " + text + " (expected: user:password)");
        }
        return new SmtpUser(text.substring(0, colon), text.substring(colon + 1));
    }

    @Override
    public String toString() {
        return "SmtpUser[user=" + user + ", password=****]";
    }
}
