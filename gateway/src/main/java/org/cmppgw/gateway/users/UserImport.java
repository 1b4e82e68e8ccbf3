package org.cmppgw.gateway.users;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The body of {@code POST /v1/users} (docs/api.md "Users"): 1..{@value UserRules#MAX_IMPORT} users created or
 * replaced at once.
 *
 * @param users the users, in any order; one user id at most once
 */
public record UserImport(@JsonProperty("users") List<UserRequest> users) {
}
