package org.cmppgw.simulator.ismg;

/**
 * Faults on demand ({@code ismg.faults}): the hard cases a gateway must survive. All are off by default except the
 * carrier-like re-send of unacknowledged reports. "Every N" switches count per connection; 0 turns them off.
 *
 * @param reportBeforeResponse        send each report (delay 0) on the same connection before the SUBMIT_RESP
 *                                    (docs/cmpp-protocol.md §10.2 race)
 * @param reportOnOtherConnection     deliver reports on another connection of the account when it has one (§12.3)
 * @param resendUnackedReportsAfterMillis re-send a report this long after its DELIVER went unanswered or its
 *                                    connection closed, with the same DELIVER Msg_Id; 0 = never; default 5000
 * @param maxReportSends              total sends of one report, first included; default 3
 * @param duplicateReportShare        share of acknowledged reports sent once more (tests de-duplication on the
 *                                    DELIVER Msg_Id, §11.3); default 0
 * @param responseDelayMillis         delay SUBMIT_RESPs by this long; default 0
 * @param responseDelayShare          share of SUBMIT_RESPs that are delayed; default 1 (all, when a delay is set)
 * @param withholdResponseEvery       never answer every N-th SUBMIT of a connection; 0 = off
 * @param withholdResponseProbability never answer a SUBMIT with this probability; default 0
 * @param dropConnectionAfterSubmits  close the connection after answering its N-th SUBMIT; 0 = off
 * @param garbageEverySubmits         write garbage before every N-th SUBMIT_RESP of a connection; 0 = off
 * @param garbageFramed               true (default): a well-framed PDU with an unknown Command_Id (the peer should
 *                                    count it and stay up); false: raw bytes that break framing (the peer should
 *                                    close the connection)
 */
public record FaultConfig(Boolean reportBeforeResponse, Boolean reportOnOtherConnection,
                          Long resendUnackedReportsAfterMillis, Integer maxReportSends, Double duplicateReportShare,
                          Long responseDelayMillis, Double responseDelayShare, Integer withholdResponseEvery,
                          Double withholdResponseProbability, Integer dropConnectionAfterSubmits,
                          Integer garbageEverySubmits, Boolean garbageFramed) {
    public static final long DEFAULT_RESEND_UNACKED_REPORTS_AFTER_MILLIS = 5000;
    public static final int DEFAULT_MAX_REPORT_SENDS = 3;
    private static final long MAX_MILLIS = 3_600_000;
    private static final String PATH = "ismg.faults.";

    public FaultConfig {
        reportBeforeResponse = ConfigChecks.orDefault(reportBeforeResponse, Boolean.FALSE);
        reportOnOtherConnection = ConfigChecks.orDefault(reportOnOtherConnection, Boolean.FALSE);
        resendUnackedReportsAfterMillis = ConfigChecks.range(PATH + "resendUnackedReportsAfterMillis",
            resendUnackedReportsAfterMillis, DEFAULT_RESEND_UNACKED_REPORTS_AFTER_MILLIS, 0, MAX_MILLIS);
        maxReportSends = ConfigChecks.range(PATH + "maxReportSends", maxReportSends, DEFAULT_MAX_REPORT_SENDS, 1, 100);
        duplicateReportShare = ConfigChecks.share(PATH + "duplicateReportShare", duplicateReportShare, 0.0);
        responseDelayMillis = ConfigChecks.range(PATH + "responseDelayMillis", responseDelayMillis, 0L, 0,
            MAX_MILLIS);
        responseDelayShare = ConfigChecks.share(PATH + "responseDelayShare", responseDelayShare, 1.0);
        withholdResponseEvery = ConfigChecks.range(PATH + "withholdResponseEvery", withholdResponseEvery, 0, 0,
            Integer.MAX_VALUE);
        withholdResponseProbability = ConfigChecks.share(PATH + "withholdResponseProbability",
            withholdResponseProbability, 0.0);
        dropConnectionAfterSubmits = ConfigChecks.range(PATH + "dropConnectionAfterSubmits",
            dropConnectionAfterSubmits, 0, 0, Integer.MAX_VALUE);
        garbageEverySubmits = ConfigChecks.range(PATH + "garbageEverySubmits", garbageEverySubmits, 0, 0,
            Integer.MAX_VALUE);
        garbageFramed = ConfigChecks.orDefault(garbageFramed, Boolean.TRUE);
    }

    /** No faults; unacknowledged reports are re-sent like a carrier does. */
    public static FaultConfig defaults() {
        return new FaultConfig(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** True when some per-SUBMIT fault is switched on, so {@link ConnectionFaults} has work to do. */
    public boolean anySubmitFault() {
        return responseDelayMillis > 0 || withholdResponseEvery > 0 || withholdResponseProbability > 0
            || dropConnectionAfterSubmits > 0 || garbageEverySubmits > 0;
    }
}
