package org.cmppgw.gateway.policy;

import java.util.Objects;

/**
 * A send policy as {@code send_policy} holds it and the API shows it (docs/api.md "Send policies").
 *
 * @param policyId its id, from the gateway's id generator
 * @param form     its name and steps in the API's form
 */
public record StoredPolicy(long policyId, PolicyRequest form) {
    public StoredPolicy {
        Objects.requireNonNull(form, "form");
    }
}
