package org.cmppgw.gateway.model;

/**
 * A template or signature: an app's own, or seeded from the configuration and shared by every app (docs/api.md
 * "Templates").
 */
public interface AppOwned {
    /** The owning app; null when seeded from the configuration. */
    String appKey();

    /** Seeded from the configuration: every app may use it, none may change it through the API. */
    default boolean shared() {
        return appKey() == null;
    }

    /** Whether {@code app} may see and use it: its own, or a shared one. */
    default boolean visibleTo(String app) {
        return appKey() == null || appKey().equals(app);
    }
}
