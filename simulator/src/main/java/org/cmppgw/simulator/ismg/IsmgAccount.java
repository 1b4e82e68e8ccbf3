package org.cmppgw.simulator.ismg;

import java.util.Objects;

/**
 * The live state of one account: its configuration, the TPS limiter all its connections share, its Msg_Id
 * generator (shared with accounts that use the same gateway codes) and its traffic counters. Thread-safe.
 */
public final class IsmgAccount {
    private final IsmgAccountConfig config;
    private final TpsLimiter tpsLimiter;
    private final MsgIdGenerator msgIds;
    private final AccountTraffic traffic = new AccountTraffic();

    public IsmgAccount(IsmgAccountConfig config, TpsLimiter tpsLimiter, MsgIdGenerator msgIds) {
        this.config = Objects.requireNonNull(config, "config");
        this.tpsLimiter = Objects.requireNonNull(tpsLimiter, "tpsLimiter");
        this.msgIds = Objects.requireNonNull(msgIds, "msgIds");
    }

    /** Source_Addr. */
    public String name() {
        return config.sourceAddr();
    }

    public IsmgAccountConfig config() {
        return config;
    }

    public TpsLimiter tpsLimiter() {
        return tpsLimiter;
    }

    public MsgIdGenerator msgIds() {
        return msgIds;
    }

    /** What the account sent and received, for CMPP_QUERY and tests. */
    public AccountTraffic traffic() {
        return traffic;
    }

    @Override
    public String toString() {
        return "IsmgAccount[" + config.sourceAddr() + "]";
    }
}
