package org.cmppgw.gateway.persistence;

import java.util.Set;

/**
 * Where the operator's decisions about whole apps and the account live (docs/api.md, "Admission rules"): blacklisted
 * apps (50036) and the frozen account (50301). Cold path and blocking: callers run it on their own thread, never on
 * an event loop.
 */
public interface StandingStore {
    /**
     * What the store holds now.
     *
     * @param blacklisted the keys of blacklisted apps
     * @param frozen      whether the account is frozen
     */
    record Standing(Set<String> blacklisted, boolean frozen) {
        public static final Standing GOOD = new Standing(Set.of(), false);

        public Standing {
            blacklisted = Set.copyOf(blacklisted);
        }
    }

    /** Reads the current standing. */
    Standing read();

    void writeBlacklisted(String appKey, boolean blacklisted, long nowMillis);

    void writeFrozen(boolean frozen, long nowMillis);
}
