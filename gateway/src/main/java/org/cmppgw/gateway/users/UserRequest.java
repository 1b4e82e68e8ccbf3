package org.cmppgw.gateway.users;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One user as sent to {@code /v1/users} (docs/api.md "Users"); every field may be absent, {@link UserRules} decides
 * what that means.
 *
 * @param userId the business's own id of the user; on {@code PUT /v1/users/{user_id}} the path's id wins
 * @param mobile the mobile number the SMS channel sends to
 * @param email  the address the email channel sends to
 * @param tags   the user's tags
 */
public record UserRequest(@JsonProperty("user_id") String userId, @JsonProperty("mobile") String mobile,
                          @JsonProperty("email") String email, @JsonProperty("tags") List<String> tags) {
}
