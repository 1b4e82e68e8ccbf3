package org.cmppgw.gateway.console;

import java.util.List;

/**
 * One provider on the channels page, as this node sees it now.
 *
 * @param name        the provider's name
 * @param kind        CMPP or another channel
 * @param available   whether messages can go out through it now
 * @param sessionsUp  logged-in connections (CMPP), or -1 when the provider has none
 * @param connections configured connections (CMPP), or -1
 * @param windowInUse SUBMITs in flight over all its connections
 * @param windowSize  SUBMITs allowed in flight over all its connections (window × connections), or -1
 * @param tpsLimit    this node's TPS limit for it, or -1
 * @param queuedParts parts waiting for it in memory
 * @param links       each connection slot's state (CMPP), empty for other channels
 * @param submits     SUBMITs written since start, resends included
 * @param actualTps   SUBMITs per second since the previous refresh, "—" on the first view
 * @param results     SUBMIT_RESP counts by Result, e.g. "0: 1200, 8: 3", or "—" when none yet
 * @param reports     status reports by Stat, e.g. "DELIVRD: 1190", or "—" when none yet
 * @param reconnects  reconnect attempts since start
 */
public record ChannelView(String name, String kind, boolean available, int sessionsUp, int connections,
                          int windowInUse, int windowSize, int tpsLimit, int queuedParts, List<Link> links,
                          long submits, String actualTps, String results, String reports, long reconnects) {

    /**
     * One connection slot.
     *
     * @param index the slot (the {@code session} tag of its meters)
     * @param state "up", "down" or "elsewhere" (another node holds it)
     * @param since when it last came up or went down, ISO-8601 UTC to the second
     */
    public record Link(int index, String state, String since) {
    }
}
