package org.cmppgw.gateway.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A carrier's status report about one submitted part (docs/cmpp-protocol.md §7.4, §10), keyed by the Msg_Id of the
 * SUBMIT_RESP and the provider account it came in on. It may arrive before that SUBMIT_RESP was recorded, on another
 * connection, or after a restart; the store parks what it cannot match yet and never drops it.
 *
 * @param provider     the provider (carrier account) the report came in on
 * @param carrierMsgId the report's Msg_Id as its raw 64 bits
 * @param stat         the raw Stat, e.g. "DELIVRD", "UNDELIV", "MK:0001"; may be shorter than 7 characters
 * @param mobile       the report's Dest_terminal_Id as received (may be empty)
 * @param receivedAt   when the gateway received the DELIVER
 */
public record CarrierReport(String provider, long carrierMsgId, String stat, String mobile, Instant receivedAt) {
    /** The Stat field is 7 octets (docs/cmpp-protocol.md §7.4). */
    public static final int MAX_STAT_LENGTH = 7;
    /** Dest_terminal_Id is 32 octets on CMPP 3.0 links. */
    public static final int MAX_MOBILE_LENGTH = 32;
    /** Delivered to the handset (docs/cmpp-protocol.md §10.1); every other final Stat is a failure. */
    public static final String DELIVERED = "DELIVRD";
    /** An intermediate Stat that must not end a message's life (docs/cmpp-protocol.md §10.1). */
    public static final String ACCEPTED = "ACCEPTD";

    public CarrierReport {
        FieldChecks.text("provider", provider, 1, SubmitOutcome.MAX_PROVIDER_LENGTH);
        FieldChecks.text("stat", stat, 0, MAX_STAT_LENGTH);
        FieldChecks.text("mobile", mobile, 0, MAX_MOBILE_LENGTH);
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** Stat is DELIVRD. */
    public boolean delivered() {
        return DELIVERED.equals(stat);
    }

    /** Every Stat but ACCEPTD ends the part's life. */
    public boolean isFinal() {
        return !ACCEPTED.equals(stat);
    }
}
