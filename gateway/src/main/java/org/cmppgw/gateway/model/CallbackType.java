package org.cmppgw.gateway.model;

/**
 * The {@code type} field of a customer callback (docs/api.md, "Callbacks"), with its stable stored code and the
 * {@link Channel} it reports on.
 */
public enum CallbackType {
    SMS_REPORT(1, Channel.SMS),
    SMS_REPLY(2, Channel.SMS),
    EMAIL_REPORT(3, Channel.EMAIL),
    /** A template's review decision ({@link ReviewOutcome}). */
    SMS_TEMPLATE(4, Channel.SMS),
    /** A signature's review decision ({@link ReviewOutcome}). */
    SMS_SIGN(5, Channel.SMS),
    /**
     * A send policy's step or final outcome ({@link PolicyReport}). A run spans channels; its data names each step's
     * channel, and the type is filed under SMS, where every policy of this gateway starts or ends.
     */
    POLICY_REPORT(6, Channel.SMS),
    /**
     * The first click on a tracked link of a message or mail ({@link ClickEvent}, docs/api.md "Click tracking"); its
     * payload names its own channel.
     */
    CLICK(7, Channel.SMS);

    private final int code;
    private final Channel channel;

    CallbackType(int code, Channel channel) {
        this.code = code;
        this.channel = channel;
    }

    /** The stable code stored in the outbox; never reorder or reuse one. */
    public int code() {
        return code;
    }

    /** The channel of the messages this type reports on. */
    public Channel channel() {
        return channel;
    }

    /**
     * The type stored as {@code code}.
     *
     * @throws IllegalArgumentException for a code no type has
     */
    public static CallbackType of(int code) {
        return switch (code) {
            case 1 -> SMS_REPORT;
            case 2 -> SMS_REPLY;
            case 3 -> EMAIL_REPORT;
            case 4 -> SMS_TEMPLATE;
            case 5 -> SMS_SIGN;
            case 6 -> POLICY_REPORT;
            case 7 -> CLICK;
            default -> throw new IllegalArgumentException("code: " + code + " (expected: 1..7)");
        };
    }
}
