package org.cmppgw.gateway.management;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The registered {@link ReadinessCheck}s; the gateway is ready when every one passes (and when none is registered).
 * Components register their checks at start-up; the set may change while the server runs.
 */
public final class ReadinessChecks {
    private static final Logger LOG = LoggerFactory.getLogger(ReadinessChecks.class);

    private final List<ReadinessCheck> checks = new CopyOnWriteArrayList<>();
    private final Map<String, LongSupplier> figures = new ConcurrentSkipListMap<>();

    /**
     * Adds a figure the ready body shows beside the checks (e.g. the backlog), read from state the component keeps;
     * it never decides readiness.
     */
    public ReadinessChecks figure(String name, LongSupplier value) {
        figures.put(name, value);
        return this;
    }

    /** Every figure's value now, by name. */
    public Map<String, Long> figures() {
        Map<String, Long> values = new LinkedHashMap<>();
        figures.forEach((name, value) -> values.put(name, value.getAsLong()));
        return values;
    }

    /** Adds {@code check}; names are unique. */
    public synchronized ReadinessChecks register(ReadinessCheck check) {
        for (ReadinessCheck existing : checks) {
            if (existing.name().equals(check.name())) {
                throw new IllegalArgumentException(
                    "name: \"" + check.name() + "\" (expected: a name not yet registered)");
            }
        }
        checks.add(check);
        return this;
    }

    /** Adds a check named {@code name} backed by {@code ready}. */
    public ReadinessChecks register(String name, BooleanSupplier ready) {
        return register(ReadinessCheck.of(name, ready));
    }

    /** Removes the check named {@code name}, if any. */
    public void unregister(String name) {
        checks.removeIf(c -> c.name().equals(name));
    }

    /** Every check's state now, in registration order; a check that throws counts as failing. */
    public Map<String, Boolean> evaluate() {
        Map<String, Boolean> states = new LinkedHashMap<>();
        for (ReadinessCheck check : checks) {
            boolean ready;
            try {
                ready = check.isReady();
            } catch (RuntimeException e) {
                LOG.warn("readiness check {} failed", check.name(), e);
                ready = false;
            }
            states.put(check.name(), ready);
        }
        return states;
    }

    /** The names of the checks failing now. */
    public List<String> failing() {
        List<String> names = new ArrayList<>();
        evaluate().forEach((name, ready) -> {
            if (!ready) {
                names.add(name);
            }
        });
        return names;
    }
}
