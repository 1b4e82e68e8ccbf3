package org.cmppgw.simulator.ismg;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The accounts of one running ISMG, looked up by Source_Addr. Built once from {@link IsmgConfig}; accounts with the
 * same gateway code list share one {@link MsgIdGenerator}, so their ids cannot collide either. Immutable, thread-safe.
 */
public final class IsmgAccounts {
    /** Chinese carriers run on Beijing time; Msg_Ids and report times use it (docs/cmpp-protocol.md §8.1, §10.2). */
    public static final ZoneId CARRIER_ZONE = ZoneId.of("Asia/Shanghai");

    private final Map<String, IsmgAccount> byName;

    private IsmgAccounts(Map<String, IsmgAccount> byName) {
        this.byName = byName;
    }

    /**
     * @param config    the ISMG configuration
     * @param clock     wall clock for Msg_Ids
     * @param zone      the carrier's zone, normally {@link #CARRIER_ZONE}
     * @param nanoClock monotonic clock for the TPS limiters
     */
    public static IsmgAccounts create(IsmgConfig config, Clock clock, ZoneId zone, LongSupplier nanoClock) {
        Map<List<Integer>, MsgIdGenerator> generators = new HashMap<>();
        Map<String, IsmgAccount> byName = new LinkedHashMap<>();
        for (IsmgAccountConfig account : config.accounts()) {
            MsgIdGenerator msgIds = generators.computeIfAbsent(account.gatewayCodes(),
                codes -> new MsgIdGenerator(codes, clock, zone));
            byName.put(account.sourceAddr(),
                new IsmgAccount(account, TpsLimiter.perSecond(account.tps(), nanoClock), msgIds));
        }
        return new IsmgAccounts(Map.copyOf(byName));
    }

    /** The account that logs in with this Source_Addr. */
    public Optional<IsmgAccount> find(String sourceAddr) {
        return Optional.ofNullable(byName.get(sourceAddr));
    }

    /**
     * The account with this Source_Addr.
     *
     * @throws IllegalArgumentException when there is none
     */
    public IsmgAccount get(String sourceAddr) {
        IsmgAccount account = byName.get(sourceAddr);
        if (account == null) {
            throw new IllegalArgumentException("sourceAddr: " + sourceAddr + " (expected: one of " + byName.keySet()
                + ")");
        }
        return account;
    }

    public Collection<IsmgAccount> all() {
        return byName.values();
    }
}
