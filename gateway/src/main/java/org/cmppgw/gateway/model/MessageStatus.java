package org.cmppgw.gateway.model;

/**
 * Where a message is in its life. {@link #ACCEPTED} until every part has a SUBMIT_RESP recorded, {@link #SUBMITTED}
 * while the carrier's status reports are awaited, then one of the two final states: {@link #DELIVERED} when every
 * part's report says DELIVRD, {@link #FAILED} as soon as one part fails (docs/cmpp-protocol.md §10.1). Only a final
 * status produces an SMS_REPORT callback.
 */
public enum MessageStatus {
    ACCEPTED(0),
    SUBMITTED(1),
    DELIVERED(2),
    FAILED(3);

    private final int code;

    MessageStatus(int code) {
        this.code = code;
    }

    /** The stable code stored in the database; never reorder or reuse one. */
    public int code() {
        return code;
    }

    /** Delivered or failed: the message's life is over and its callback is due. */
    public boolean isFinal() {
        return this == DELIVERED || this == FAILED;
    }

    /**
     * The status stored as {@code code}.
     *
     * @throws IllegalArgumentException for a code no status has
     */
    public static MessageStatus of(int code) {
        return switch (code) {
            case 0 -> ACCEPTED;
            case 1 -> SUBMITTED;
            case 2 -> DELIVERED;
            case 3 -> FAILED;
            default -> throw new IllegalArgumentException("code: " + code + " (expected: 0..3)");
        };
    }
}
