package org.cmppgw.gateway.users;

import org.cmppgw.gateway.email.EmailRules;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.Outcome;
import org.cmppgw.gateway.model.MobileNumbers;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a user must look like (docs/api.md "Users"): an id of the business's choosing, at least a mobile or an email,
 * a few short tags. Each refusal is a JSMS-shaped error whose message names the field.
 */
public final class UserRules {
    /** Longest user id. */
    public static final int MAX_USER_ID = 64;
    /** Most users per import, as the UMS console's file upload allows. */
    public static final int MAX_IMPORT = 50_000;
    /** Most tags per user. */
    public static final int MAX_TAGS = 20;
    /** Longest tag. */
    public static final int MAX_TAG = 32;

    private UserRules() {
    }

    /**
     * Checks one user.
     *
     * @param pathId the id from the path ({@code PUT /v1/users/{user_id}}), which must match the body's if it has
     *               one; null when the id comes from the body
     */
    public static Outcome<StoredUser> check(UserRequest request, String pathId) {
        if (request == null) {
            return Outcome.fail(ApiError.INVALID_BODY, "a user must be an object");
        }
        String userId = pathId != null ? pathId : request.userId();
        if (!isUserId(userId)) {
            return Outcome.fail(ApiError.INVALID_BODY, "user_id: " + userId + " (expected: 1.." + MAX_USER_ID
                + " characters of A-Z a-z 0-9 _ . @ : -)");
        }
        if (pathId != null && request.userId() != null && !pathId.equals(request.userId())) {
            return Outcome.fail(ApiError.INVALID_BODY, "user_id: " + request.userId() + " (expected: " + pathId
                + ", the path's)");
        }
        String mobile = "";
        if (request.mobile() != null && !request.mobile().isEmpty()) {
            mobile = MobileNumbers.normalize(request.mobile());
            if (mobile == null) {
                mobile = MobileNumbers.international(request.mobile());
            }
            if (mobile == null) {
                return Outcome.fail(ApiError.INVALID_MOBILE, "mobile: " + request.mobile());
            }
        }
        String email = request.email() == null ? "" : request.email();
        if (!email.isEmpty() && !EmailRules.isAddress(email)) {
            return Outcome.fail(ApiError.INVALID_BODY, "email: " + email + " (expected: a bare local@domain)");
        }
        if (mobile.isEmpty() && email.isEmpty()) {
            return Outcome.fail(ApiError.INVALID_BODY, "user " + userId + " has neither a mobile nor an email");
        }
        Outcome<List<String>> tags = tags(request.tags());
        return tags.isOk() ? Outcome.ok(new StoredUser(userId, mobile, email, tags.value())) : tags.failure();
    }

    private static Outcome<List<String>> tags(List<String> given) {
        if (given == null) {
            return Outcome.ok(List.of());
        }
        if (given.size() > MAX_TAGS) {
            return Outcome.fail(ApiError.INVALID_BODY, "tags: " + given.size() + " tags (expected: at most "
                + MAX_TAGS + ")");
        }
        Set<String> tags = new LinkedHashSet<>();
        for (String tag : given) {
            if (tag == null || tag.isEmpty() || tag.length() > MAX_TAG || tag.indexOf(',') >= 0) {
                return Outcome.fail(ApiError.INVALID_BODY, "tags: " + tag + " (expected: 1.." + MAX_TAG
                    + " characters, no comma)");
            }
            tags.add(tag);
        }
        return Outcome.ok(new ArrayList<>(tags));
    }

    /** 1..{@value #MAX_USER_ID} characters of {@code [A-Za-z0-9_.@:-]}. */
    public static boolean isUserId(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_USER_ID) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.'
                || c == '@' || c == ':' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
