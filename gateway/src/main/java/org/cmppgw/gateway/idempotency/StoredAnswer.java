package org.cmppgw.gateway.idempotency;

import java.util.Objects;

/**
 * The answer a send with an {@code Idempotency-Key} was given, as stored with its messages and replayed to a retry
 * with the same key (docs/api.md "When the database is slow or down").
 *
 * @param status the HTTP status
 * @param code   the JSMS code it carried (50000 for a success), for the request metrics
 * @param body   the JSON body, exactly as first answered
 */
public record StoredAnswer(int status, int code, String body) {
    public StoredAnswer {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status: " + status + " (expected: 100..599)");
        }
        Objects.requireNonNull(body, "body");
    }
}
