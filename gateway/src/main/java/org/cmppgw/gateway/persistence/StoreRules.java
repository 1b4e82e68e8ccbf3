package org.cmppgw.gateway.persistence;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * The admission rules the store applies inside its own transactions (docs/api.md, "Admission rules"), given by the
 * intake: the per-recipient rules of the accept, and which MO texts unsubscribe a mobile from its app's marketing.
 *
 * @param recipients    frequency, repeat and unsubscribed checks of accepted messages
 * @param unsubscribing whether an MO's text unsubscribes its mobile (called on the store's writer thread)
 */
public record StoreRules(RecipientRules recipients, Predicate<String> unsubscribing) {
    /** No rules: every message is stored, no MO unsubscribes. */
    public static final StoreRules NONE = new StoreRules(RecipientRules.NONE, text -> false);

    public StoreRules {
        Objects.requireNonNull(recipients, "recipients");
        Objects.requireNonNull(unsubscribing, "unsubscribing");
    }
}
