package org.cmppgw.gateway.app;

import io.netty.channel.EventLoopGroup;
import org.cmppgw.gateway.config.GatewayConfig;
import org.cmppgw.gateway.config.ProviderConfig;
import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.persistence.CorrelationStore;
import org.cmppgw.gateway.provider.Provider;
import org.cmppgw.gateway.provider.cmpp.CmppProviderPool;
import org.cmppgw.gateway.provider.cmpp.SharedServices;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The providers of a gateway, built from its configuration (docs/design.md §5): one {@link CmppProviderPool} per entry
 * of {@code providers}, in configuration order, each with its own tunables and with every app's Src_Id extension. Not
 * started: the dispatcher that is handed them starts and drains them.
 */
final class Providers {
    private Providers() {
    }

    /**
     * @param group event loops of the connections; owned by the caller
     * @param ids   id generator of MO messages (the intake's, so ids never collide)
     */
    static List<Provider> build(GatewayConfig config, CorrelationStore store, GatewayMetrics metrics, Clock clock,
                                EventLoopGroup group, MessageIdGenerator ids) {
        SharedServices shared = SharedServices.of(store, metrics, clock, group, ids, config.apps(),
            config.routing().rules(), config.templates());
        List<Provider> providers = new ArrayList<>();
        for (ProviderConfig provider : config.providers()) {
            providers.add(new CmppProviderPool(provider, shared));
        }
        return providers;
    }
}
