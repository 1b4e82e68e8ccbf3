package org.cmppgw.gateway.model;

/**
 * Where a template or signature stands in its review (docs/api.md "Templates"), with JSMS's numeric {@code status}:
 * 0 under review, 1 approved, 2 rejected. Only approved ones can be sent with (JSMS 50020 / 50021 otherwise).
 */
public enum ReviewStatus {
    PENDING(0),
    APPROVED(1),
    REJECTED(2);

    private final int code;

    ReviewStatus(int code) {
        this.code = code;
    }

    /** JSMS's {@code status} value, also the stored one. */
    public int code() {
        return code;
    }

    /**
     * The status stored as {@code code}.
     *
     * @throws IllegalArgumentException for a code no status has
     */
    public static ReviewStatus of(int code) {
        return switch (code) {
            case 0 -> PENDING;
            case 1 -> APPROVED;
            case 2 -> REJECTED;
            default -> throw new IllegalArgumentException("code: " + code + " (expected: 0..2)");
        };
    }
}
