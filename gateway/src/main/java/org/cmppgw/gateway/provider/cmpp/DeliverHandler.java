package org.cmppgw.gateway.provider.cmpp;

import org.cmppgw.cmpp.pdu.CmppDeliver;
import org.cmppgw.cmpp.pdu.CmppDeliverResp;
import org.cmppgw.cmpp.pdu.StatusReport;
import org.cmppgw.gateway.logging.LogThrottle;
import org.cmppgw.gateway.logging.Masked;
import org.cmppgw.gateway.metrics.ProviderMetrics;
import org.cmppgw.gateway.model.CarrierReport;
import org.cmppgw.gateway.model.ReportOutcome;
import org.cmppgw.gateway.persistence.CorrelationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.function.LongSupplier;

/**
 * The DELIVERs of every connection of a provider (docs/cmpp-protocol.md §7.3, §10, §11.3). A status report becomes a
 * {@link CarrierReport} keyed by the provider and the report's Msg_Id, whichever connection it came in on, and is
 * answered only after the store has it durably (Result 0); when the store refuses it (overloaded, failing) the answer
 * is Result 8, so the ISMG sends it again later. MO messages go to the {@link MoReceiver}. Every DELIVER is answered,
 * on the session it came in on. A refused report is logged at most once per {@link PoolSettings#WARN_INTERVAL_NANOS}.
 */
final class DeliverHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeliverHandler.class);

    /** DELIVER_RESP Result 8, flow control: "not now, send it again" (§11.3). */
    static final int RESULT_TRY_LATER = 8;

    private final String provider;
    private final CorrelationStore store;
    private final ProviderMetrics metrics;
    private final Clock clock;
    private final MoReceiver mo;
    private final ReportLatency latency;
    private final LogThrottle reportNotStored;
    private final LogThrottle reportMismatched;

    DeliverHandler(String provider, CorrelationStore store, Clock clock, ProviderMetrics metrics, MoReceiver mo,
                   ReportLatency latency, LongSupplier nanoClock) {
        this.provider = provider;
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
        this.mo = mo;
        this.latency = latency;
        this.reportNotStored = new LogThrottle(PoolSettings.WARN_INTERVAL_NANOS, nanoClock);
        this.reportMismatched = new LogThrottle(PoolSettings.WARN_INTERVAL_NANOS, nanoClock);
    }

    /** On {@code pump}'s event loop. */
    void onDeliver(SessionPump pump, CmppDeliver deliver) {
        if (deliver.isReport()) {
            onReport(pump, deliver);
        } else {
            mo.onMo(pump, deliver);
        }
    }

    private void onReport(SessionPump pump, CmppDeliver deliver) {
        StatusReport r = deliver.report();
        metrics.deliveryReport(r.stat());
        latency.reported(r.msgId().value());
        CarrierReport report;
        try {
            report = new CarrierReport(provider, r.msgId().value(), r.stat(), r.destTerminalId(), clock.instant());
        } catch (IllegalArgumentException e) {
            // Parsed, but not a report the model can hold: "structure error", the only answer that stops resends.
            pump.respondNow(new CmppDeliverResp(deliver.sequenceId(), deliver.msgId(),
                CmppDeliverResp.RESULT_STRUCTURE_ERROR));
            return;
        }
        store.recordReport(report).whenComplete((outcome, error) -> {
            if (outcome == ReportOutcome.PARKED) {
                metrics.unmatchedReport();
            } else if (outcome == ReportOutcome.MISMATCHED) {
                long held = reportMismatched.tryLog();
                if (held >= 0) {
                    LOG.warn("provider={} - status report for Msg_Id {} names handset {}, not the matched message's: "
                        + "kept in mismatched_report, not applied ({} more like it since the last warning)", provider,
                        Long.toUnsignedString(report.carrierMsgId()), Masked.mobile(report.mobile()), held);
                }
            } else if (error != null) {
                long held = reportNotStored.tryLog();
                if (held >= 0) {
                    LOG.warn("provider={} - status report not stored ({}), answered Result 8 so the ISMG sends it "
                        + "again ({} more like it since the last warning)", provider,
                        OutcomeRecorder.unwrap(error).toString(), held);
                }
            }
            pump.respondLater(new CmppDeliverResp(deliver.sequenceId(), deliver.msgId(),
                error == null ? CmppDeliverResp.RESULT_OK : RESULT_TRY_LATER));
        });
    }
}
