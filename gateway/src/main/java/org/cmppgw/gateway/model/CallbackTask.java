package org.cmppgw.gateway.model;

import java.util.Objects;

/**
 * One callback to send: a claimed row of the callback outbox, or a new callback held by the node that created it.
 * POST {@code payload} to {@code url} for {@code appKey}, then tell the store it was sent, or reschedule it.
 * {@code attempts} counts claims including this one, so the caller picks the next delay from its retry schedule
 * (JSMS: 3 min, 1 h, 12 h) or gives up.
 *
 * @param id       the callback's id, the handle for markSent / reschedule / abandon: negative for a report callback
 *                 held in its message's final row, and the outbox row it may move to
 *                 (db/migration/V32__report_callback_in_final.sql)
 * @param appKey   the app the callback is signed for
 * @param url      the callback URL
 * @param attempts how many times the row has been claimed, this claim included (&gt;= 1)
 * @param payload  what to send
 * @param held     handed over at its creation, a {@code held_callback} row (db/migration/V29__held_callback.sql) or
 *                 held in a final row, not a claimed {@code callback_outbox} row
 */
public record CallbackTask(long id, String appKey, String url, int attempts, CallbackPayload payload, boolean held) {
    public CallbackTask {
        if (id == 0) {
            throw new IllegalArgumentException("id: 0 (expected: not 0)");
        }
        FieldChecks.text("appKey", appKey, 1, OutboundMessage.MAX_APP_KEY_LENGTH);
        FieldChecks.text("url", url, 1, OutboundMessage.MAX_URL_LENGTH);
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts: " + attempts + " (expected: >= 1)");
        }
        Objects.requireNonNull(payload, "payload");
    }

    /** A claimed {@code callback_outbox} row. */
    public CallbackTask(long id, String appKey, String url, int attempts, CallbackPayload payload) {
        this(id, appKey, url, attempts, payload, false);
    }

    public CallbackType type() {
        return payload.type();
    }
}
