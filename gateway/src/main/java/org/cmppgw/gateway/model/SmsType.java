package org.cmppgw.gateway.model;

import java.util.Locale;

/**
 * The SMS types balances are kept in, as JSMS's balance queries name them ({@code GET /v1/accounts/app}:
 * {@code app_industry}, {@code app_market}, {@code app_voice}; docs/api.md "Balances and billing"). Verification codes
 * and notifications are industry SMS, marketing templates are marketing SMS; voice has no channel in this gateway, so
 * its balance is kept but never spent.
 */
public enum SmsType {
    INDUSTRY(1, "industry"),
    MARKET(2, "market"),
    VOICE(3, "voice");

    private static final SmsType[] BY_CODE = {null, INDUSTRY, MARKET, VOICE};

    private final int code;
    private final String label;

    SmsType(int code, String label) {
        this.code = code;
        this.label = label;
    }

    /** Its number in the store's {@code sms_type} columns. */
    public int code() {
        return code;
    }

    /** Its name in the API ({@code industry}, {@code market}, {@code voice}) and in the JSMS field suffixes. */
    public String label() {
        return label;
    }

    /** The balance a message of {@code type} is paid from. */
    public static SmsType of(TemplateType type) {
        return switch (type) {
            case CODE, NOTIFICATION -> INDUSTRY;
            case MARKETING -> MARKET;
        };
    }

    /**
     * The type with store number {@code code}.
     *
     * @throws IllegalArgumentException for an unknown number
     */
    public static SmsType ofCode(int code) {
        if (code < 1 || code >= BY_CODE.length) {
            throw new IllegalArgumentException("sms_type: " + code + " (expected: 1..3)");
        }
        return BY_CODE[code];
    }

    /**
     * The type named {@code label} in the API, in any case.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static SmsType ofLabel(String label) {
        return switch (label == null ? "" : label.toLowerCase(Locale.ROOT)) {
            case "industry" -> INDUSTRY;
            case "market" -> MARKET;
            case "voice" -> VOICE;
            default -> throw new IllegalArgumentException("type: " + label + " (expected: industry, market or voice)");
        };
    }
}
