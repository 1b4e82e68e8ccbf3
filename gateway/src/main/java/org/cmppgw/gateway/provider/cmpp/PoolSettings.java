package org.cmppgw.gateway.provider.cmpp;

import org.cmppgw.cmpp.sms.ReassemblerOptions;
import org.cmppgw.gateway.config.FlowControlConfig;
import org.cmppgw.gateway.config.OutcomeBatchConfig;
import org.cmppgw.gateway.config.ProviderConfig;

import java.time.Duration;
import java.util.Objects;

import static org.cmppgw.cmpp.ArgumentChecks.positive;
import static org.cmppgw.cmpp.ArgumentChecks.range;

/**
 * Tunables of a {@link CmppProviderPool}: the operator's knobs come from its {@link ProviderConfig} ({@link #of}),
 * the rest are fixed here; the defaults follow docs/cmpp-protocol.md §11.2 and §12.2.
 *
 * @param flowControlMaxTries   sends of one part answered with Result 8 before the part fails (SMSGate: 30)
 * @param flowControlPauseMin   shortest pause of a session after a Result 8
 * @param flowControlPauseMax   longest pause (the pause is drawn between the two, jittered)
 * @param outcomeFlushDelay     how long SUBMIT_RESP outcomes gather before they go to the store as one list
 * @param outcomeBatchMax       most outcomes in one list
 * @param storeRetryDelay       wait before outcomes the store refused (overloaded) are offered again
 * @param moStoreRetries        tries to store a reassembled long MO before its last DELIVER is answered Result 8
 * @param moStoreRetryDelay     wait between those tries
 * @param housekeepingPeriod    circuit-breaker probe, MO reassembly timeouts, lost-wake-up safety net
 * @param drainTimeout          bound on a provider's shutdown: in-flight drain, TERMINATE, last outcomes
 * @param reassembly            long-MO reassembly limits
 */
public record PoolSettings(int flowControlMaxTries, Duration flowControlPauseMin, Duration flowControlPauseMax,
                           Duration outcomeFlushDelay, int outcomeBatchMax, Duration storeRetryDelay,
                           int moStoreRetries, Duration moStoreRetryDelay, Duration housekeepingPeriod,
                           Duration drainTimeout, ReassemblerOptions reassembly) {
    /** At most one WARN line per cause and provider this often; the lines held back are counted in the next one. */
    static final long WARN_INTERVAL_NANOS = 10_000_000_000L;

    public PoolSettings {
        range("flowControlMaxTries", flowControlMaxTries, 1, 1000);
        positive("flowControlPauseMin", flowControlPauseMin);
        positive("flowControlPauseMax", flowControlPauseMax);
        if (flowControlPauseMax.compareTo(flowControlPauseMin) < 0) {
            throw new IllegalArgumentException("flowControlPauseMax: " + flowControlPauseMax
                + " (expected: >= flowControlPauseMin " + flowControlPauseMin + ")");
        }
        positive("outcomeFlushDelay", outcomeFlushDelay);
        range("outcomeBatchMax", outcomeBatchMax, 1, 100_000);
        positive("storeRetryDelay", storeRetryDelay);
        range("moStoreRetries", moStoreRetries, 0, 1000);
        positive("moStoreRetryDelay", moStoreRetryDelay);
        positive("housekeepingPeriod", housekeepingPeriod);
        positive("drainTimeout", drainTimeout);
        Objects.requireNonNull(reassembly, "reassembly");
    }

    /** 30 flow-control tries 50–200 ms apart, outcomes flushed every 2 ms in lists of up to 1000. */
    public static PoolSettings defaults() {
        FlowControlConfig flowControl = FlowControlConfig.defaults();
        OutcomeBatchConfig outcomes = OutcomeBatchConfig.defaults();
        return new PoolSettings(flowControl.maxTries(), flowControl.pauseMin(), flowControl.pauseMax(),
            outcomes.flushDelay(), outcomes.batchMax(), Duration.ofMillis(50), 20, Duration.ofMillis(250),
            Duration.ofSeconds(1), Duration.ofSeconds(15), ReassemblerOptions.defaults());
    }

    /** The defaults with the knobs {@code provider} configures: flow control, outcome batches, drain timeout. */
    public static PoolSettings of(ProviderConfig provider) {
        FlowControlConfig flowControl = provider.flowControl();
        OutcomeBatchConfig outcomes = provider.outcomes();
        PoolSettings d = defaults();
        return new PoolSettings(flowControl.maxTries(), flowControl.pauseMin(), flowControl.pauseMax(),
            outcomes.flushDelay(), outcomes.batchMax(), d.storeRetryDelay, d.moStoreRetries, d.moStoreRetryDelay,
            d.housekeepingPeriod, provider.drainTimeout(), d.reassembly);
    }

    public PoolSettings withFlowControl(int maxTries, Duration pauseMin, Duration pauseMax) {
        return new PoolSettings(maxTries, pauseMin, pauseMax, outcomeFlushDelay, outcomeBatchMax, storeRetryDelay,
            moStoreRetries, moStoreRetryDelay, housekeepingPeriod, drainTimeout, reassembly);
    }

    public PoolSettings withDrainTimeout(Duration value) {
        return new PoolSettings(flowControlMaxTries, flowControlPauseMin, flowControlPauseMax, outcomeFlushDelay,
            outcomeBatchMax, storeRetryDelay, moStoreRetries, moStoreRetryDelay, housekeepingPeriod, value, reassembly);
    }
}
