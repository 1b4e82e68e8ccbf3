package org.cmppgw.cmpp.sms;

/**
 * A User Data Header that cannot be trusted: UDHL beyond the content, an element overflowing UDHL, or a
 * concatenation element with impossible values (docs/cmpp-protocol.md §9.3). Peers send such bytes, so parsing reports
 * them with this exception instead of an {@code IndexOutOfBoundsException}.
 */
public final class UdhException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UdhException(String message) {
        super(message);
    }
}
