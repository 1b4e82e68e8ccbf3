package org.cmppgw.gateway.provider.cmpp;

import io.netty.channel.EventLoopGroup;
import org.cmppgw.gateway.config.AppConfig;
import org.cmppgw.gateway.config.RouteRule;
import org.cmppgw.gateway.config.TemplateConfig;
import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.persistence.CorrelationStore;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The gateway's services every {@link CmppProviderPool} uses, built once by the app and shared by all pools; what is
 * a pool's own (its account, its tunables) comes with its {@code ProviderConfig}.
 *
 * @param store     where outcomes, reports and MO go
 * @param metrics   the gateway's meters
 * @param clock     wall clock of the stored time stamps and of the CONNECT Timestamp
 * @param nanoClock monotonic clock of pauses, latencies and log throttles
 * @param group     event loops of the connections (and of the pools' timers); owned by the caller
 * @param ids       id generator of MO messages (the same as msg_ids)
 * @param apps      the apps, in configuration order: an MO goes to the app whose extension its Dest_Id carries, else
 *                  to the first
 * @param routes    {@code routing.rules}, for the SUBMIT fields a rule overrides (by the rule's index)
 * @param templates the templates, for the SUBMIT fields a template overrides
 */
public record SharedServices(CorrelationStore store, GatewayMetrics metrics, Clock clock, LongSupplier nanoClock,
                             EventLoopGroup group, MessageIdGenerator ids, List<AppConfig> apps,
                             List<RouteRule> routes, List<TemplateConfig> templates) {
    public SharedServices {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(nanoClock, "nanoClock");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(ids, "ids");
        apps = List.copyOf(apps);
        routes = List.copyOf(routes);
        templates = List.copyOf(templates);
    }

    /** With the system's monotonic clock, no routing rules and no templates. */
    public static SharedServices of(CorrelationStore store, GatewayMetrics metrics, Clock clock, EventLoopGroup group,
                                    MessageIdGenerator ids, List<AppConfig> apps) {
        return of(store, metrics, clock, group, ids, apps, List.of(), List.of());
    }

    /** With the system's monotonic clock. */
    public static SharedServices of(CorrelationStore store, GatewayMetrics metrics, Clock clock, EventLoopGroup group,
                                    MessageIdGenerator ids, List<AppConfig> apps, List<RouteRule> routes,
                                    List<TemplateConfig> templates) {
        return new SharedServices(store, metrics, clock, System::nanoTime, group, ids, apps, routes, templates);
    }

    /**
     * App key to its Src_Id extension (digits after a provider's access number, docs/cmpp-protocol.md §10.3), for the
     * apps that have one; the others send from the bare access number.
     */
    public Map<String, String> appExtensions() {
        Map<String, String> extensions = new LinkedHashMap<>();
        for (AppConfig app : apps) {
            if (app.hasExtension()) {
                extensions.put(app.appKey(), app.extension());
            }
        }
        return extensions;
    }
}
