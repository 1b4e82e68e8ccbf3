package org.cmppgw.gateway.users;

import org.cmppgw.gateway.intake.ApiError;

import java.util.List;
import java.util.Objects;

/**
 * What an import did (docs/api.md "Users"): how many users it stored, and each user it refused with why.
 *
 * @param imported users created or replaced
 * @param failures the users refused, in request order
 */
public record ImportResult(int imported, List<Failure> failures) {
    public ImportResult {
        failures = List.copyOf(failures);
    }

    /**
     * One refused user.
     *
     * @param index   its position in the request's {@code users}
     * @param userId  its id as sent (may be null)
     * @param error   the JSMS-shaped error
     * @param message the error message naming the field
     */
    public record Failure(int index, String userId, ApiError error, String message) {
        public Failure {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(message, "message");
        }
    }
}
