package org.cmppgw.simulator.ismg;

import org.cmppgw.cmpp.pdu.CmppSubmit;
import org.cmppgw.cmpp.pdu.MsgId;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Decides what a SUBMIT part's status report says and when it comes (docs/cmpp-protocol.md §10): Stat by the configured
 * weights, delay by the configured distribution. One report per destination and part (§8.1, §9.5). Thread-safe when
 * the {@link RandomGenerator} is (a {@link java.util.Random} is; seed it in tests).
 */
public final class ReportPlanner {
    private static final long NANOS_PER_MILLI = 1_000_000;

    private final ReportDelay delay;
    private final StatMix stats;
    private final RandomGenerator random;

    public ReportPlanner(ReportConfig config, RandomGenerator random) {
        this.delay = config.delay();
        this.stats = new StatMix(config.stats());
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * The report for destination {@code destination} of {@code submit}.
     *
     * @param account      the submitting account (its generator numbers the DELIVER)
     * @param connectionId the connection the SUBMIT came on
     * @param submit       the accepted SUBMIT
     * @param msgId        the id of this destination ({@code Msg_Id + k})
     * @param destination  the destination number
     * @param nowMillis    wall-clock time of the SUBMIT
     * @param nowNanos     monotonic time of the SUBMIT
     * @param immediate    true: due now, whatever the distribution says (report before SUBMIT_RESP)
     */
    public PendingReport plan(IsmgAccount account, long connectionId, CmppSubmit submit, MsgId msgId,
                              String destination, long nowMillis, long nowNanos, boolean immediate) {
        long delayMillis = immediate ? 0 : delay.sampleMillis(random);
        return new PendingReport(account.name(), connectionId, msgId, account.msgIds().next(), submit.srcId(),
            submit.serviceId(), destination, stats.pick(random), nowMillis, nowMillis + delayMillis,
            nowNanos + delayMillis * NANOS_PER_MILLI, 0);
    }
}
