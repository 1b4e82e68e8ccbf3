package org.cmppgw.gateway.model;

/**
 * What a withdraw did to one message or email (docs/api.md "Withdraw"). Only {@link #WITHDRAWN} cancels anything:
 * the message is final FAILED with the stat {@code GW:WITHDRAWN}, its callback is written and its charge refunded,
 * in the transaction that took it out of the queue.
 */
public enum WithdrawOutcome {
    /** It was waiting in the store: cancelled now, it never reaches the carrier or mail server. */
    WITHDRAWN("withdrawn"),
    /** An earlier withdraw cancelled it. */
    ALREADY_WITHDRAWN("already_withdrawn"),
    /** Sent (to the carrier or mail server), or final for another reason: nothing to cancel. */
    ALREADY_SENT("already_sent"),
    /** A node holds it for sending right now: it may reach the carrier, so it is not withdrawn. */
    SENDING("sending"),
    /** Accepted more than 24 hours ago: too old to withdraw. */
    TOO_OLD("too_old"),
    /** No such message of this app. */
    UNKNOWN("unknown");

    private final String label;

    WithdrawOutcome(String label) {
        this.label = label;
    }

    /** The {@code result} the API answers. */
    public String label() {
        return label;
    }
}
