package org.cmppgw.simulator.ismg;

import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.pdu.CmppSubmit;
import org.cmppgw.cmpp.pdu.CmppSubmitResp;
import org.cmppgw.cmpp.pdu.MsgFmt;
import org.cmppgw.cmpp.pdu.MsgId;
import org.cmppgw.cmpp.sms.ConcatInfo;
import org.cmppgw.cmpp.sms.Udh;
import org.cmppgw.cmpp.sms.UdhException;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Answers a SUBMIT the way a carrier's ISMG does (docs/cmpp-protocol.md §7.1, §7.2, §11.2): flow control first (Result
 * 8 over the account's TPS), then the structure checks an ISMG can make, then a Msg_Id range for the destinations and
 * the status reports to come. Pure logic on immutable inputs plus the account's atomics, so the session glue is
 * "decode, decide, respond, schedule" and this is tested without a socket. Thread-safe.
 *
 * <p>Checks, in order, each answered with the first failing Result:
 * <ol>
 *   <li>over the account's TPS: 8;</li>
 *   <li>Pk_total or Pk_number 0, Pk_number above Pk_total, Registered_Delivery above 1 (3.0) / 2 (2.0), a UDH that
 *       runs past Msg_Content, or a concatenation UDH whose TT/NN disagree with Pk_total/Pk_number (§9.5): 1;</li>
 *   <li>Msg_Length above 159 for ASCII or 140 for anything else (§9.1): 6;</li>
 *   <li>with {@code checkSrcId}, a Src_Id that does not start with the account's service code: 10 (3.0) / 9
 *       (2.0, "other");</li>
 *   <li>a destination that is not a number (digits, optionally after '+'): 13 (3.0) / 9 (2.0).</li>
 * </ol>
 * One SUBMIT takes one TPS token, whatever its destination count, as carriers count PDUs.
 */
public final class SubmitHandling {
    public static final int RESULT_STRUCTURE_ERROR = CmppSubmitResp.RESULT_STRUCTURE_ERROR;
    /** §11.2: "over maximum message length". */
    public static final int RESULT_TOO_LONG = 6;
    public static final int RESULT_FLOW_CONTROL = CmppSubmitResp.RESULT_FLOW_CONTROL;
    /** §11.2: 2.0 defines 0–8 and "9 and above: other errors". */
    public static final int RESULT_OTHER_V20 = 9;
    /** §11.2, 3.0: Src_Id error. */
    public static final int RESULT_SRC_ID = 10;
    /** §11.2, 3.0: Dest_terminal_Id error. */
    public static final int RESULT_DEST_TERMINAL_ID = 13;
    /** §9.1: ASCII content must be shorter than 160 bytes; everything else fits 140. */
    public static final int MAX_ASCII_LENGTH = 159;
    public static final int MAX_OCTET_LENGTH = 140;

    private final ReportPlanner planner;
    private final boolean reportBeforeResponse;
    private final IsmgMetrics metrics;
    private final Clock clock;
    private final LongSupplier nanoClock;

    public SubmitHandling(ReportPlanner planner, FaultConfig faults, IsmgMetrics metrics, Clock clock,
                          LongSupplier nanoClock) {
        this.planner = Objects.requireNonNull(planner, "planner");
        this.reportBeforeResponse = faults.reportBeforeResponse();
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /**
     * Decides the answer to {@code submit}, received from {@code account} on a {@code version} link, connection
     * {@code connectionId}; counts it in the metrics and the account's {@link AccountTraffic}.
     */
    public SubmitDecision decide(IsmgAccount account, CmppVersion version, long connectionId, CmppSubmit submit) {
        long result = account.tpsLimiter().tryAcquire() ? check(account.config(), version, submit)
            : RESULT_FLOW_CONTROL;
        metrics.submitted(account.name(), result);
        account.traffic().submitted(submit.destTerminalIds().size(), result == CmppSubmitResp.RESULT_OK);
        account.traffic().received(submit);
        if (result != CmppSubmitResp.RESULT_OK) {
            return new SubmitDecision(new CmppSubmitResp(submit.sequenceId(), MsgId.ZERO, result), List.of(), false);
        }
        List<String> destinations = submit.destTerminalIds();
        MsgId first = account.msgIds().reserve(destinations.size());
        CmppSubmitResp response = new CmppSubmitResp(submit.sequenceId(), first, CmppSubmitResp.RESULT_OK);
        if (submit.registeredDelivery() != 1) {
            return new SubmitDecision(response, List.of(), false);
        }
        long nowMillis = clock.millis();
        long nowNanos = nanoClock.getAsLong();
        List<PendingReport> reports = new ArrayList<>(destinations.size());
        for (int k = 0; k < destinations.size(); k++) {
            reports.add(planner.plan(account, connectionId, submit, first.plus(k), destinations.get(k), nowMillis,
                nowNanos, reportBeforeResponse));
        }
        return new SubmitDecision(response, reports, reportBeforeResponse);
    }

    /** The §11.2 Result for {@code submit}'s content: 0 when it passes every check. */
    static long check(IsmgAccountConfig account, CmppVersion version, CmppSubmit submit) {
        if (!structureOk(version, submit)) {
            return RESULT_STRUCTURE_ERROR;
        }
        int maxLength = submit.msgFmt() == MsgFmt.ASCII.code() ? MAX_ASCII_LENGTH : MAX_OCTET_LENGTH;
        if (submit.msgContent().length() > maxLength) {
            return RESULT_TOO_LONG;
        }
        if (account.checkSrcId() && !submit.srcId().startsWith(account.serviceCode())) {
            return version == CmppVersion.V30 ? RESULT_SRC_ID : RESULT_OTHER_V20;
        }
        for (String destination : submit.destTerminalIds()) {
            if (!isNumber(destination)) {
                return version == CmppVersion.V30 ? RESULT_DEST_TERMINAL_ID : RESULT_OTHER_V20;
            }
        }
        return CmppSubmitResp.RESULT_OK;
    }

    private static boolean structureOk(CmppVersion version, CmppSubmit submit) {
        if (submit.pkTotal() == 0 || submit.pkNumber() == 0 || submit.pkNumber() > submit.pkTotal()) {
            return false;
        }
        // 2.0 also knows 2, "SMC bill only" (§7.1 field 4).
        if (submit.registeredDelivery() > (version == CmppVersion.V20 ? 2 : 1)) {
            return false;
        }
        if (!submit.hasUdh()) {
            return true;
        }
        Optional<ConcatInfo> concat;
        try {
            concat = Udh.parse(submit.msgContent()).concat();
        } catch (UdhException malformed) {
            // A UDH that runs past the content or an element past the UDH: rare, and a structure error (§9.3).
            return false;
        }
        return concat.isEmpty()
            || concat.get().total() == submit.pkTotal() && concat.get().number() == submit.pkNumber();
    }

    private static boolean isNumber(String destination) {
        int start = destination.startsWith("+") ? 1 : 0;
        if (destination.length() == start) {
            return false;
        }
        for (int i = start; i < destination.length(); i++) {
            char c = destination.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
