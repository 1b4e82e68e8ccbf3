package org.cmppgw.gateway.management;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * One condition the gateway needs before it should get traffic, e.g. {@code database} (the store answers) or
 * {@code providers} (at least one carrier connection is logged in). Evaluated on the management event loop at every
 * {@code /health/ready} request, so {@link #isReady()} must answer from state the component keeps (a volatile flag,
 * a counter), never by doing I/O.
 */
public interface ReadinessCheck {
    /** A short, stable name shown in the readiness answer. */
    String name();

    /** True when this condition holds now. */
    boolean isReady();

    /** A check named {@code name} backed by {@code ready}. */
    static ReadinessCheck of(String name, BooleanSupplier ready) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ready, "ready");
        return new ReadinessCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean isReady() {
                return ready.getAsBoolean();
            }

            @Override
            public String toString() {
                return "ReadinessCheck[" + name + "]";
            }
        };
    }
}
