package org.cmppgw.gateway.provider.cmpp;

import org.cmppgw.gateway.metrics.ProviderMetrics;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * Samples the time from SUBMIT_RESP to status report ({@code cmppgw_provider_submit_to_report_seconds}) without a map
 * per message: one carrier Msg_Id in {@value #SAMPLE_ONE_IN} (chosen by a hash, so reports find their sample) is
 * written into a fixed table of {@value #SLOTS} slots; its report reads and clears it. A slot reused before its report
 * came simply loses that sample. Lock-free: sessions of one provider live on several event loops, and a report may
 * come on another connection than its submit. The clock starts at the SUBMIT_RESP, a round trip after the SUBMIT.
 */
final class ReportLatency {
    static final int SAMPLE_ONE_IN = 16;
    static final int SLOTS = 1 << 15;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final int SAMPLE_SHIFT = Long.SIZE - Integer.numberOfTrailingZeros(SAMPLE_ONE_IN);

    private final AtomicLongArray keys = new AtomicLongArray(SLOTS);
    private final AtomicLongArray times = new AtomicLongArray(SLOTS);
    private final ProviderMetrics metrics;
    private final LongSupplier nanoClock;

    ReportLatency(ProviderMetrics metrics, LongSupplier nanoClock) {
        this.metrics = metrics;
        this.nanoClock = nanoClock;
    }

    /** The carrier took a part under {@code carrierMsgId}. */
    void submitted(long carrierMsgId) {
        long mixed = carrierMsgId * GOLDEN;
        if (carrierMsgId == 0 || mixed >>> SAMPLE_SHIFT != 0) {
            return;
        }
        int slot = slot(mixed);
        keys.set(slot, 0);
        times.set(slot, nanoClock.getAsLong());
        keys.set(slot, carrierMsgId);
    }

    /** A report about {@code carrierMsgId} arrived. */
    void reported(long carrierMsgId) {
        long mixed = carrierMsgId * GOLDEN;
        if (carrierMsgId == 0 || mixed >>> SAMPLE_SHIFT != 0) {
            return;
        }
        int slot = slot(mixed);
        if (keys.get(slot) != carrierMsgId) {
            return;
        }
        long submittedAt = times.get(slot);
        // The writer clears the key before it touches the time: a successful clear means the time was ours.
        if (keys.compareAndSet(slot, carrierMsgId, 0)) {
            metrics.submitToReport(Math.max(0, nanoClock.getAsLong() - submittedAt));
        }
    }

    private static int slot(long mixed) {
        return (int) (mixed >>> 16) & (SLOTS - 1);
    }
}
