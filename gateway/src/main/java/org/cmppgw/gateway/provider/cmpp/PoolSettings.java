package org.cmppgw.gateway.provider.cmpp;

import org.cmppgw.cmpp.sms.ReassemblerOptions;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of every {@link CmppProviderPool} that the configuration file does not carry (yet); the defaults follow
 * cmpp-spec.md §11.2 and §12.2.
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
        return new PoolSettings(30, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(2), 1000,
            Duration.ofMillis(50), 20, Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(15),
            ReassemblerOptions.defaults());
    }

    public PoolSettings withFlowControl(int maxTries, Duration pauseMin, Duration pauseMax) {
        return new PoolSettings(maxTries, pauseMin, pauseMax, outcomeFlushDelay, outcomeBatchMax, storeRetryDelay,
            moStoreRetries, moStoreRetryDelay, housekeepingPeriod, drainTimeout, reassembly);
    }

    public PoolSettings withDrainTimeout(Duration value) {
        return new PoolSettings(flowControlMaxTries, flowControlPauseMin, flowControlPauseMax, outcomeFlushDelay,
            outcomeBatchMax, storeRetryDelay, moStoreRetries, moStoreRetryDelay, housekeepingPeriod, value, reassembly);
    }

    private static void range(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: " + min + ".." + max + ")");
        }
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
    }
}
