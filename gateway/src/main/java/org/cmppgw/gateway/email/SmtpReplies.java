package org.cmppgw.gateway.email;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * What a refused send means for one copy (docs/api.md "Emails"): the reply code and text the server gave for the
 * copy's recipient, or for the whole mail (MAIL FROM, DATA). Jakarta Mail reports each refused recipient as a chained
 * {@link SMTPAddressFailedException}; with {@code sendpartial} the mail still goes to the accepted ones.
 */
final class SmtpReplies {
    /** No reply code was found: treated as transient. */
    static final int UNKNOWN = 0;

    /**
     * A reply code and the server's line.
     *
     * @param code 2xx, 4xx, 5xx, or {@link #UNKNOWN}
     */
    record Reply(int code, String text) {
        boolean accepted() {
            return code >= 200 && code < 300;
        }

        boolean permanent() {
            return code >= 500;
        }

        /** A reply code came at all ({@code -1}: the connection closed first; {@link #UNKNOWN}: none found). */
        boolean answered() {
            return code >= 200 || code == UNKNOWN;
        }
    }

    private SmtpReplies() {
    }

    /** The outcome for {@code recipient} of a send that threw {@code e}. */
    static Reply of(SendFailedException e, String recipient) {
        if (contains(e.getValidSentAddresses(), recipient)) {
            return new Reply(250, "250 accepted for " + recipient + "; refused: " + firstLine(e.getMessage()));
        }
        for (Exception next = e; next != null; next = next instanceof MessagingException m
            ? m.getNextException() : null) {
            if (next instanceof SMTPAddressFailedException address
                && address.getAddress().getAddress().equalsIgnoreCase(recipient)) {
                return new Reply(address.getReturnCode(), firstLine(address.getMessage()));
            }
        }
        for (Exception next = e; next != null; next = next instanceof MessagingException m
            ? m.getNextException() : null) {
            if (next instanceof SMTPSendFailedException send) {
                return new Reply(send.getReturnCode(), firstLine(send.getMessage()));
            }
        }
        return new Reply(UNKNOWN, firstLine(e.getMessage()));
    }

    private static boolean contains(Address[] addresses, String recipient) {
        if (addresses == null) {
            return false;
        }
        for (Address address : addresses) {
            if (address.toString().equalsIgnoreCase(recipient)) {
                return true;
            }
        }
        return false;
    }

    /** The first line of a reply or message, without the trailing line break. */
    static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.strip();
        int end = line.indexOf('\n');
        return end < 0 ? line : line.substring(0, end).strip();
    }
}
