package org.cmppgw.gateway.users;

import java.util.List;
import java.util.Objects;

/**
 * A checked user (docs/api.md "Users"): what {@code ums_user} holds for one app and user id.
 *
 * @param userId the business's id, 1..{@value UserRules#MAX_USER_ID} characters of {@code [A-Za-z0-9_.@:-]}
 * @param mobile the normalized mobile number, or empty when the user has none
 * @param email  the address, or empty when the user has none
 * @param tags   the tags, without duplicates, in the order given
 */
public record StoredUser(String userId, String mobile, String email, List<String> tags) {
    public StoredUser {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(mobile, "mobile");
        Objects.requireNonNull(email, "email");
        tags = List.copyOf(tags);
    }

    /** The tags as the table stores them. */
    String joinedTags() {
        return String.join(",", tags);
    }

    static List<String> splitTags(String joined) {
        return joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }
}
