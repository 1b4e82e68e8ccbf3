package org.cmppgw.gateway.provider;

/**
 * Told once per {@link OutboundSms} when the provider is done with it: every part has a durable submit outcome (or
 * was given up), so the message no longer takes room in memory. The dispatcher frees its capacity here
 * (docs/design.md §3, back-pressure). Called on any thread; must be cheap.
 */
@FunctionalInterface
public interface DispatchListener {
    /** Does nothing: for messages nobody counts. */
    DispatchListener NONE = sms -> {
    };

    void dispatched(OutboundSms sms);
}
