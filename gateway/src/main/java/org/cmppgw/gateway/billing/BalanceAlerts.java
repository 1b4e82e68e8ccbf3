package org.cmppgw.gateway.billing;

import org.cmppgw.gateway.config.BillingConfig;
import org.cmppgw.gateway.intake.AcceptedMessage;
import org.cmppgw.gateway.intake.AppRules;
import org.cmppgw.gateway.intake.MessageAdmission;
import org.cmppgw.gateway.intake.MessageIntake;
import org.cmppgw.gateway.intake.Outcome;
import org.cmppgw.gateway.intake.SendOneRequest;
import org.cmppgw.gateway.persistence.BalanceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Sends the balance alerts the accept transactions queued (docs/api.md "Balance alerts"): each round claims the
 * queued alerts (a claim is taken by one node only, so an alert goes out at most once) and sends one SMS per contact
 * mobile of the app, through the gateway's own intake as {@code billing.alertApp} with template
 * {@code billing.alertTemplateId}, like any app's message (stored, dispatched, reported). An alert whose SMS the
 * intake refuses is logged and not retried: at most once, as JSMS promises one alert per crossing, not delivery.
 * The contacts are the app's stored alert settings when the alert is sent ({@link BalanceService#saveAlertSetting}),
 * so an operator's change applies to the next alert. Email contacts wait for the email channel (issue 11).
 */
public final class BalanceAlerts {
    private static final Logger LOG = LoggerFactory.getLogger(BalanceAlerts.class);
    /** Alerts claimed per round; a crossing is rare, this only bounds a backlog after an outage. */
    static final int MAX_PER_ROUND = 100;

    private final BalanceStore store;
    private final MessageAdmission admission;
    private final AppRules sender;
    private final long templateId;
    private final MessageIntake intake;
    private final Clock clock;

    /**
     * @param sender    the rules of {@code billing.alertApp}, the app the alerts are sent as
     * @param admission renders {@code billing.alertTemplateId} as any send request is rendered
     */
    public BalanceAlerts(BalanceStore store, BillingConfig billing, AppRules sender, MessageAdmission admission,
                         MessageIntake intake, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.admission = Objects.requireNonNull(admission, "admission");
        this.intake = Objects.requireNonNull(intake, "intake");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.templateId = billing.alertTemplateId();
    }

    /**
     * One round: claims what is queued and hands one SMS per contact to the intake.
     *
     * @return the intake's answers, one per SMS handed over (their ids, or the refusal)
     */
    public List<CompletableFuture<long[]>> sendQueued() {
        List<BalanceStore.Alert> claimed = store.claimAlerts(MAX_PER_ROUND, clock.millis());
        List<CompletableFuture<long[]>> sent = new ArrayList<>();
        if (claimed.isEmpty()) {
            return sent;
        }
        // the contacts as stored now (an operator may have changed them on any node); read once per round with alerts
        Map<String, List<String>> contacts = new HashMap<>();
        for (BalanceStore.AlertSetting setting : store.alertSettings()) {
            contacts.put(setting.appKey(), setting.mobiles());
        }
        for (BalanceStore.Alert alert : claimed) {
            List<String> mobiles = contacts.get(alert.appKey());
            if (mobiles == null || mobiles.isEmpty()) {
                LOG.warn("billing - balance alert of app={} {} dropped: the app has no alert contacts",
                    alert.appKey(), alert.type().label());
                continue;
            }
            Map<String, String> params = Map.of("app", alert.appKey(), "type", alert.type().label(),
                "balance", Long.toString(alert.amount()), "threshold", Long.toString(alert.threshold()));
            List<AcceptedMessage> messages = new ArrayList<>(mobiles.size());
            for (String mobile : mobiles) {
                Outcome<AcceptedMessage> admitted = admission.admitOne(sender,
                    new SendOneRequest(mobile, templateId, params, null, null));
                if (admitted.isOk()) {
                    messages.add(admitted.value());
                } else {
                    LOG.warn("billing - balance alert of app={} {} to {} refused: {} {}", alert.appKey(),
                        alert.type().label(), mobile, admitted.error().code(), admitted.message());
                }
            }
            if (!messages.isEmpty()) {
                CompletableFuture<long[]> accepting = intake.accept(messages);
                accepting.whenComplete((ids, failure) -> logOutcome(alert, ids, failure));
                sent.add(accepting);
            }
        }
        return sent;
    }

    private static void logOutcome(BalanceStore.Alert alert, long[] ids, Throwable failure) {
        if (failure != null) {
            LOG.warn("billing - balance alert of app={} {} not sent: {}", alert.appKey(), alert.type().label(),
                failure.toString());
            return;
        }
        int refused = 0;
        for (long id : ids) {
            refused += id < 0 ? 1 : 0;
        }
        LOG.info("billing - balance alert of app={} {} (balance {} below {}) sent to {} contacts{}", alert.appKey(),
            alert.type().label(), alert.amount(), alert.threshold(), ids.length - refused,
            refused == 0 ? "" : ", " + refused + " refused by the admission rules");
    }
}
