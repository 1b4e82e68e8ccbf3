package org.cmppgw.gateway.provider.cmpp;

import io.netty.channel.EventLoopGroup;
import org.cmppgw.gateway.config.AppConfig;
import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.persistence.MessageStore;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * What every {@link CmppProviderPool} of a gateway shares.
 *
 * @param store         where outcomes, reports and MO go
 * @param metrics       the gateway's meters
 * @param clock         wall clock of the stored time stamps and of the CONNECT Timestamp
 * @param nanoClock     monotonic clock of pauses and latencies
 * @param group         event loops of the connections (and of the pools' timers); owned by the caller
 * @param ids           id generator of MO messages (the same as msg_ids)
 * @param apps          the apps, in configuration order: an MO goes to the first unless an extension routes it
 * @param appExtensions app key to its Src_Id extension (digits after the provider's access number, cmpp-spec.md
 *                      §10.3); apps without one send from the bare access number
 * @param settings      tunables
 */
public record PoolContext(MessageStore store, GatewayMetrics metrics, Clock clock, LongSupplier nanoClock,
                          EventLoopGroup group, MessageIdGenerator ids, List<AppConfig> apps,
                          Map<String, String> appExtensions, PoolSettings settings) {
    public PoolContext {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(nanoClock, "nanoClock");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(ids, "ids");
        apps = List.copyOf(apps);
        appExtensions = Map.copyOf(appExtensions);
        appExtensions.forEach((app, extension) -> {
            if (extension.isEmpty() || !extension.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("appExtensions." + app + ": \"" + extension
                    + "\" (expected: digits)");
            }
        });
        Objects.requireNonNull(settings, "settings");
    }

    /** System clocks, no app extensions, default settings. */
    public static PoolContext of(MessageStore store, GatewayMetrics metrics, Clock clock, EventLoopGroup group,
                                 MessageIdGenerator ids, List<AppConfig> apps) {
        return new PoolContext(store, metrics, clock, System::nanoTime, group, ids, apps, Map.of(),
            PoolSettings.defaults());
    }

    public PoolContext withSettings(PoolSettings value) {
        return new PoolContext(store, metrics, clock, nanoClock, group, ids, apps, appExtensions, value);
    }

    public PoolContext withAppExtensions(Map<String, String> value) {
        return new PoolContext(store, metrics, clock, nanoClock, group, ids, apps, value, settings);
    }
}
