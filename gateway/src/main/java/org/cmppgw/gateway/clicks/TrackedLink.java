package org.cmppgw.gateway.clicks;

import java.util.Objects;

/**
 * One link of a message replaced by its tracking URL (docs/api.md "Click tracking").
 *
 * @param token what the tracking URL ends with
 * @param url   the original link, where a click is redirected
 */
public record TrackedLink(ClickToken token, String url) {
    public TrackedLink {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(url, "url");
    }
}
