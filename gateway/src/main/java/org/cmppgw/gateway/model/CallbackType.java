package org.cmppgw.gateway.model;

/** The {@code type} field of a customer callback (JSMS-API.md, "Callbacks"), with its stable stored code. */
public enum CallbackType {
    SMS_REPORT(1),
    SMS_REPLY(2),
    EMAIL_REPORT(3);

    private final int code;

    CallbackType(int code) {
        this.code = code;
    }

    /** The stable code stored in the outbox; never reorder or reuse one. */
    public int code() {
        return code;
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
            default -> throw new IllegalArgumentException("code: " + code + " (expected: 1..3)");
        };
    }
}
