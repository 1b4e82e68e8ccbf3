package org.cmppgw.gateway.model;

/**
 * Where a mail of {@code POST /v1/emails} stands, with its stable stored code (docs/api.md "Emails"). Delivered means
 * accepted by the receiving server, as the JSMS console defines it for mail.
 */
public enum EmailStatus {
    /** Waiting to be sent, or between two attempts. */
    QUEUED(0),
    /** The receiving server answered 2xx to the mail. */
    DELIVERED(1),
    /** Refused for good (5xx), or still refused after the provider's last attempt. */
    FAILED(2);

    private final int code;

    EmailStatus(int code) {
        this.code = code;
    }

    /** The code stored in {@code email_message.status}; never reorder or reuse one. */
    public int code() {
        return code;
    }

    /**
     * The status stored as {@code code}.
     *
     * @throws IllegalArgumentException for a code no status has
     */
    public static EmailStatus of(int code) {
        return switch (code) {
            case 0 -> QUEUED;
            case 1 -> DELIVERED;
            case 2 -> FAILED;
            default -> throw new IllegalArgumentException("code: " + code + " (expected: 0..2)");
        };
    }
}
