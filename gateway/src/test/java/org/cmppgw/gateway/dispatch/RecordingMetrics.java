package org.cmppgw.gateway.dispatch;

import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.cmppgw.gateway.metrics.ProviderMetrics;
import org.cmppgw.gateway.metrics.SessionMetrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/** Counts what the sending path reports, by meter name (and label where it matters). */
final class RecordingMetrics implements GatewayMetrics {
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    /** Each session's {@code cmppgw_provider_window_in_use} gauge, by provider and session label. */
    private final Map<String, IntSupplier> windows = new ConcurrentHashMap<>();

    /** What the window gauge of {@code provider}'s session {@code session} reads now. */
    int windowInUse(String provider, String session) {
        IntSupplier window = windows.get(provider + "." + session);
        return window == null ? -1 : window.getAsInt();
    }

    long count(String name) {
        AtomicLong count = counts.get(name);
        return count == null ? 0 : count.get();
    }

    private void add(String name, long delta) {
        counts.computeIfAbsent(name, k -> new AtomicLong()).addAndGet(delta);
    }

    @Override
    public void resentAfterCrash(int count) {
        add("resent", count);
    }

    @Override
    public void expired(String kind, long count) {
        add("expired." + kind, count);
    }

    @Override
    public void movedToBackup(String provider, int count) {
        add("moved." + provider, count);
    }

    @Override
    public ProviderMetrics provider(String provider) {
        return new ProviderMetrics() {
            @Override
            public SessionMetrics session(String session, IntSupplier windowInUse) {
                add(provider + ".sessions", 1);
                windows.put(provider + "." + session, windowInUse);
                return new SessionMetrics() {
                    @Override
                    public void submitSent() {
                        add(provider + ".submits", 1);
                    }

                    @Override
                    public void submitResponse(long result) {
                        add(provider + ".result." + result, 1);
                    }

                    @Override
                    public void submitTimeout() {
                        add(provider + ".timeouts", 1);
                    }

                    @Override
                    public void responseUnmatched() {
                        add(provider + ".unmatchedResponses", 1);
                    }
                };
            }

            @Override
            public void reconnect() {
                add(provider + ".reconnects", 1);
            }

            @Override
            public void rateLimitWait(long waitNanos) {
                add(provider + ".rateLimitWaits", 1);
            }

            @Override
            public void deliveryReport(String stat) {
                add(provider + ".dr." + stat, 1);
            }

            @Override
            public void unmatchedReport() {
                add(provider + ".unmatched", 1);
            }

            @Override
            public void submitToReport(long nanos) {
                add(provider + ".latencySamples", 1);
            }

            @Override
            public void moReceived() {
                add(provider + ".mo", 1);
            }
        };
    }
}
