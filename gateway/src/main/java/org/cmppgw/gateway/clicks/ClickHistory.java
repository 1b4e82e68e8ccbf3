package org.cmppgw.gateway.clicks;

import org.cmppgw.gateway.model.Channel;

import java.time.Instant;
import java.util.Optional;

/**
 * What the click tracker knows about the links of a sent message or mail. Send policies read it when they decide a
 * "not clicked within N minutes" condition (docs/api.md "Send policies"), so the decision needs nothing on the send
 * path: the tracker records clicks, the policy asks when its timer is due.
 */
public interface ClickHistory {
    /**
     * The first click on any tracked link of one message.
     *
     * @param channel   {@link Channel#SMS} for a {@code msg_id}, {@link Channel#EMAIL} for an email's id
     * @param messageId the id the API answered for that recipient
     * @return when a link of it was first clicked; empty when none was (or it had no tracked link)
     */
    Optional<Instant> firstClick(Channel channel, long messageId);
}
