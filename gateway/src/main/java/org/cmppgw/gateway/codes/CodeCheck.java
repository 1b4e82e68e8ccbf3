package org.cmppgw.gateway.codes;

/** The answer to a check of a code ({@code POST /v1/codes/{msg_id}/valid}); each but VALID is a JSMS error. */
public enum CodeCheck {
    /** The right code, in time, first success: {@code is_valid: true}. */
    VALID,
    /** A wrong code, or any code once the wrong guesses reached the limit: 50010. */
    INVALID,
    /** Checked at or after its expiry: 50011. */
    EXPIRED,
    /** Already checked successfully: 50012. */
    VERIFIED,
    /** No code message of this app with that msg_id: 50026. */
    UNKNOWN
}
