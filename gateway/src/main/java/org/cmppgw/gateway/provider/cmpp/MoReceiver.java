package org.cmppgw.gateway.provider.cmpp;

import io.netty.util.concurrent.EventExecutor;
import org.cmppgw.cmpp.pdu.CmppDeliver;
import org.cmppgw.cmpp.pdu.CmppDeliverResp;
import org.cmppgw.cmpp.sms.ReassembledMo;
import org.cmppgw.cmpp.sms.Reassembler;
import org.cmppgw.cmpp.sms.SmsContent;
import org.cmppgw.gateway.config.AppConfig;
import org.cmppgw.gateway.logging.LogThrottle;
import org.cmppgw.gateway.logging.Masked;
import org.cmppgw.gateway.metrics.ProviderMetrics;
import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.model.MoMessage;
import org.cmppgw.gateway.model.MobileNumbers;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.persistence.CorrelationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * MO messages (DELIVER with Registered_Delivery 0, docs/cmpp-protocol.md §9.5, §10.3) of one provider: long ones are
 * joined by the {@link Reassembler} (parts may come on any connection), a whole message is routed to its app by Dest_Id
 * and stored with its SMS_REPLY outbox row. A DELIVER that only adds a part is answered at once, since reassembly must
 * not delay DELIVER_RESP; the DELIVER that completes a message is answered after the store has it. When the store
 * refuses, a single-part MO is answered Result 8 (the ISMG sends it again); a reassembled one is retried here first,
 * because the ISMG would resend only its last part. An incomplete MO that cannot be stored is logged at most once per
 * {@link PoolSettings#WARN_INTERVAL_NANOS}.
 */
final class MoReceiver {
    private static final Logger LOG = LoggerFactory.getLogger(MoReceiver.class);

    private final String provider;
    private final CorrelationStore store;
    private final ProviderMetrics metrics;
    private final Clock clock;
    private final MessageIdGenerator ids;
    private final MoRouting routing;
    private final MoLinkIds linkIds;
    private final Reassembler reassembler;
    private final int storeRetries;
    private final long retryDelayNanos;
    private final LogThrottle incompleteNotStored;

    /** A receiver that remembers no LinkID. */
    MoReceiver(String provider, MoRouting routing, CorrelationStore store, Clock clock, MessageIdGenerator ids,
               PoolSettings settings, ProviderMetrics metrics, LongSupplier nanoClock) {
        this(provider, routing, new MoLinkIds(0, nanoClock, 1), store, clock, ids, settings, metrics, nanoClock);
    }

    /**
     * @param routing   which app a message belongs to
     * @param linkIds   where the LinkID of an MO is kept for the app's replies (shared with the SubmitMapper)
     * @param ids       ids of the stored MO messages
     * @param nanoClock paces the warnings
     */
    MoReceiver(String provider, MoRouting routing, MoLinkIds linkIds, CorrelationStore store, Clock clock,
               MessageIdGenerator ids, PoolSettings settings, ProviderMetrics metrics, LongSupplier nanoClock) {
        this.provider = provider;
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
        this.ids = ids;
        this.routing = routing;
        this.linkIds = linkIds;
        this.reassembler = new Reassembler(settings.reassembly(), clock);
        this.storeRetries = settings.moStoreRetries();
        this.retryDelayNanos = settings.moStoreRetryDelay().toNanos();
        this.incompleteNotStored = new LogThrottle(PoolSettings.WARN_INTERVAL_NANOS, nanoClock);
    }

    /** On {@code pump}'s event loop. */
    void onMo(SessionPump pump, CmppDeliver deliver) {
        List<ReassembledMo> ready;
        List<MoMessage> toStore;
        try {
            ready = reassembler.accept(deliver);
            toStore = ready.stream().map(m -> toModel(m, deliver)).toList();
        } catch (IllegalArgumentException e) {
            // A broken UDH or a field the model cannot hold: only "structure error" stops the resends (§11.3).
            pump.respondNow(new CmppDeliverResp(deliver.sequenceId(), deliver.msgId(),
                CmppDeliverResp.RESULT_STRUCTURE_ERROR));
            return;
        }
        rememberLinkId(deliver);
        if (toStore.isEmpty()) {
            pump.respondNow(new CmppDeliverResp(deliver.sequenceId(), deliver.msgId(), CmppDeliverResp.RESULT_OK));
            return;
        }
        CompletableFuture<?>[] stored = new CompletableFuture<?>[toStore.size()];
        for (int i = 0; i < stored.length; i++) {
            int tries = ready.get(i).partsTotal() > 1 ? storeRetries : 0;
            stored[i] = store(toStore.get(i), tries, pump.loop());
        }
        CompletableFuture.allOf(stored).whenComplete((ignored, error) -> pump.respondLater(new CmppDeliverResp(
            deliver.sequenceId(), deliver.msgId(),
            error == null ? CmppDeliverResp.RESULT_OK : DeliverHandler.RESULT_TRY_LATER)));
    }

    /**
     * A 3.0 MO's LinkID, for the replies of the app it reached to the handset it came from (§7.1 field 24). Every part
     * of a long MO carries the same one; the last part seen wins. Before the store has the MO: a reply cannot come
     * sooner than the app hears of it, which is after the store.
     */
    private void rememberLinkId(CmppDeliver deliver) {
        if (!linkIds.enabled() || deliver.linkId().isEmpty()) {
            return;
        }
        AppConfig app = routing.appFor(deliver.destId());
        if (app != null) {
            linkIds.remember(app.appKey(), MobileNumbers.stripCountryCode(deliver.srcTerminalId()), deliver.linkId());
        }
    }

    /** Hands over long messages whose missing parts never came (flagged nowhere: stored with what arrived). */
    void expire(EventExecutor executor) {
        for (ReassembledMo m : reassembler.expire()) {
            store(toModel(m, null), storeRetries, executor).whenComplete((ignored, error) -> {
                long held = error == null ? -1 : incompleteNotStored.tryLog();
                if (held >= 0) {
                    LOG.warn("provider={} - incomplete MO from {} not stored ({}; {} more like it since the last "
                        + "warning)", provider, Masked.mobile(m.srcTerminalId()),
                        OutcomeRecorder.unwrap(error).toString(), held);
                }
            });
        }
    }

    private CompletableFuture<Boolean> store(MoMessage mo, int retries, EventExecutor executor) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        attempt(mo, retries, executor, result);
        return result;
    }

    private void attempt(MoMessage mo, int retriesLeft, EventExecutor executor, CompletableFuture<Boolean> result) {
        store.storeMo(mo).whenComplete((stored, error) -> {
            if (error == null) {
                if (stored) {
                    metrics.moReceived();
                }
                result.complete(stored);
            } else if (retriesLeft > 0) {
                try {
                    executor.schedule(() -> attempt(mo, retriesLeft - 1, executor, result), retryDelayNanos,
                        TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException e) {
                    result.completeExceptionally(error);
                }
            } else {
                result.completeExceptionally(error);
            }
        });
    }

    /**
     * The stored form. The carrier Msg_Id that detects a repeated DELIVER is the completing DELIVER's; a message
     * handed over incomplete (timeout, eviction) has no DELIVER of its own and uses its new MO id instead.
     */
    private MoMessage toModel(ReassembledMo m, CmppDeliver completing) {
        long moId = ids.next();
        boolean complete = completing != null && m.partsReceived() == m.partsTotal();
        long carrierMsgId = complete ? completing.msgId().value() : moId;
        AppConfig app = routing.appFor(m.destId());
        return new MoMessage(moId, provider, carrierMsgId, app == null ? null : app.appKey(),
            app == null ? null : app.defaultCallbackUrl(), MobileNumbers.stripCountryCode(m.srcTerminalId()),
            m.destId(), text(m.content()), clock.instant());
    }

    /** Text as decoded; binary payloads as hex. Cut to the column width. */
    private static String text(SmsContent content) {
        String text = content instanceof SmsContent.Text t ? t.text() : ((SmsContent.Binary) content).bytes().toHex();
        return text.length() <= OutboundMessage.MAX_CONTENT_LENGTH ? text
            : text.substring(0, OutboundMessage.MAX_CONTENT_LENGTH);
    }
}
