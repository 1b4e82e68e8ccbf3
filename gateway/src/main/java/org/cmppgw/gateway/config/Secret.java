package org.cmppgw.gateway.config;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.util.Objects;

/**
 * A password or shared secret from the configuration. Wrapping it keeps it out of every {@code toString}, so a
 * logged config record never leaks it (docs/design.md §10 rule 6). Read the clear text with {@link #value()} only where
 * it is used.
 *
 * @param value the clear text; may be empty (an H2 user without a password)
 */
public record Secret(String value) {
    /** What {@link #toString()} prints instead of the secret. */
    public static final String MASK = "******";

    public Secret {
        Objects.requireNonNull(value, "value");
    }

    /** Binds a YAML scalar (text or number) to a secret. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Secret of(String value) {
        return new Secret(value == null ? "" : value);
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return MASK;
    }
}
