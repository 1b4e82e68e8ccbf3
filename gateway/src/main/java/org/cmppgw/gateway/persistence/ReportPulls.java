package org.cmppgw.gateway.persistence;

import org.cmppgw.gateway.model.CallbackType;
import org.cmppgw.gateway.model.FinalReport;
import org.cmppgw.gateway.model.MoMessage;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The pull side of the API (docs/api.md, {@code GET /v1/report} and {@code GET /v1/reply}): an app takes its final
 * reports and MO messages instead of, or besides, receiving callbacks. A pull is a write: what it returns is marked
 * pulled in the same transaction, and never returned again, also not to another node. Asynchronous and never
 * blocking, as every store interface (see the package documentation).
 */
public interface ReportPulls {
    /** Up to {@code max} final reports of {@code appKey} not pulled before, oldest first; marks them pulled. */
    CompletableFuture<List<FinalReport>> pullReports(String appKey, int max);

    /** Up to {@code max} MO messages of {@code appKey} not pulled before, oldest first; marks them pulled. */
    CompletableFuture<List<MoMessage>> pullReplies(String appKey, int max);

    /**
     * Takes {@code appKey}'s pull of {@code type} ({@code SMS_REPORT} or {@code SMS_REPLY}) at {@code nowMillis} when
     * its last taken one is at least {@code intervalMillis} old, for every node sharing the store (JSMS 50201). A
     * refused pull is not recorded, so it does not restart the interval.
     *
     * @return true when the pull was taken
     */
    CompletableFuture<Boolean> takePull(String appKey, CallbackType type, long nowMillis, long intervalMillis);
}
