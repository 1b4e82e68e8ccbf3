package org.cmppgw.gateway.model;

import java.time.Instant;
import java.util.Objects;

/**
 * An uplink (MO) message: a handset's reply that arrived as a CMPP_DELIVER with Registered_Delivery = 0
 * (docs/cmpp-protocol.md §7.4, §10.3). Stored, then sent to its app as an SMS_REPLY callback or pulled with
 * {@code GET /v1/reply}. A carrier that repeats a DELIVER (our DELIVER_RESP was lost) repeats its Msg_Id; the store
 * keeps the first.
 *
 * @param moId         our id for it (from the same {@link MessageIdGenerator} as msg_ids)
 * @param provider     the provider (carrier account) it came in on
 * @param carrierMsgId the DELIVER's Msg_Id as its raw 64 bits, used to drop repeats
 * @param appKey       the app its Dest_Id routes to, or {@code null} when no app claims it (stored, never sent)
 * @param callbackUrl  where the SMS_REPLY callback goes, or {@code null} when the app pulls replies
 * @param mobile       the handset (Src_terminal_Id, normalised)
 * @param destId       our number it was sent to, extension included (Dest_Id)
 * @param content      the decoded text
 * @param receivedAt   when the gateway received it: the callback's {@code replyTime}
 */
public record MoMessage(long moId, String provider, long carrierMsgId, String appKey, String callbackUrl,
                        String mobile, String destId, String content, Instant receivedAt) implements CallbackPayload {
    /** Dest_Id is 21 octets (docs/cmpp-protocol.md §7.4). */
    public static final int MAX_DEST_ID_LENGTH = 21;

    public MoMessage {
        FieldChecks.positive("moId", moId);
        FieldChecks.text("provider", provider, 1, SubmitOutcome.MAX_PROVIDER_LENGTH);
        FieldChecks.optionalText("appKey", appKey, OutboundMessage.MAX_APP_KEY_LENGTH);
        FieldChecks.optionalText("callbackUrl", callbackUrl, OutboundMessage.MAX_URL_LENGTH);
        if (callbackUrl != null && appKey == null) {
            throw new IllegalArgumentException("callbackUrl: " + callbackUrl + " (expected: null without an appKey)");
        }
        FieldChecks.text("mobile", mobile, 1, CarrierReport.MAX_MOBILE_LENGTH);
        FieldChecks.text("destId", destId, 0, MAX_DEST_ID_LENGTH);
        FieldChecks.text("content", content, 0, OutboundMessage.MAX_CONTENT_LENGTH);
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    @Override
    public CallbackType type() {
        return CallbackType.SMS_REPLY;
    }
}
