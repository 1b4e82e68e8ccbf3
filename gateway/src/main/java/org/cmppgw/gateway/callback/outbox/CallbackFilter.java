package org.cmppgw.gateway.callback.outbox;

import org.cmppgw.gateway.config.AppCallbacks;
import org.cmppgw.gateway.config.AppConfig;
import org.cmppgw.gateway.model.CallbackType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which callbacks get an outbox row at all: the apps' {@code callbacks} settings (docs/api.md "Callback settings").
 * A report or reply of a type its app does not take is stored as usual, just without a callback, and stays
 * pullable. Asked on the store's writer thread for every new callback, so it is a map lookup. Immutable.
 */
@FunctionalInterface
public interface CallbackFilter {
    /** Every callback is made (tests and tools without apps' settings). */
    CallbackFilter ALL = (appKey, type) -> true;

    /** Whether a callback of {@code type} goes to {@code appKey}. */
    boolean calls(String appKey, CallbackType type);

    /**
     * The settings of {@code apps}. An app not among them (removed from the configuration since) keeps its callbacks:
     * the dispatcher decides about those.
     */
    static CallbackFilter of(List<AppConfig> apps) {
        Map<String, boolean[]> byApp = new HashMap<>();
        for (AppConfig app : apps) {
            boolean[] calls = new boolean[CallbackType.values().length];
            for (CallbackType type : CallbackType.values()) {
                // a type without a JSMS switch (EMAIL_REPORT) follows the app's on/off alone
                calls[type.ordinal()] = AppCallbacks.TYPES.contains(type.name()) ? app.callbacks().calls(type.name())
                    : app.callbacks().enabled();
            }
            byApp.put(app.appKey(), calls);
        }
        Map<String, boolean[]> frozen = Map.copyOf(byApp);
        return (appKey, type) -> {
            boolean[] calls = frozen.get(appKey);
            return calls == null || calls[type.ordinal()];
        };
    }
}
