package org.cmppgw.gateway.model;

import java.time.Instant;
import java.util.Objects;

/**
 * The first click on a tracked link of one message or mail, called back as {@code CLICK} (docs/api.md "Click
 * tracking"): read from its {@code click_link} rows when the callback is sent.
 *
 * @param channel   SMS ({@code messageId} is a {@code msg_id}) or EMAIL (an {@code email_id})
 * @param messageId the id the API answered for that recipient (the outbox row's {@code ref_id})
 * @param url       the original link that was clicked
 * @param clickedAt when
 */
public record ClickEvent(Channel channel, long messageId, String url, Instant clickedAt) implements CallbackPayload {
    public ClickEvent {
        Objects.requireNonNull(channel, "channel");
        FieldChecks.positive("messageId", messageId);
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(clickedAt, "clickedAt");
    }

    @Override
    public CallbackType type() {
        return CallbackType.CLICK;
    }

    @Override
    public Channel channel() {
        return channel;
    }
}
