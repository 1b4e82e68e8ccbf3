package org.cmppgw.gateway.config;

import java.time.Duration;

/**
 * At most {@code limit} messages in any {@code window} (a sliding window: a message counts while it is younger than
 * the window), per app and mobile (JSMS 50009, docs/api.md "Admission rules").
 *
 * @param limit  messages allowed in the window; 0 = no limit
 * @param window how far back messages count
 */
public record SendQuota(int limit, Duration window) {
    public SendQuota {
        ConfigChecks.atLeast("limit", limit, 0);
        ConfigChecks.positive("window", window);
    }

    public boolean limited() {
        return limit > 0;
    }
}
