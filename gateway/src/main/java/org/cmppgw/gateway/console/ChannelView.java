package org.cmppgw.gateway.console;

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
 */
public record ChannelView(String name, String kind, boolean available, int sessionsUp, int connections,
                          int windowInUse, int windowSize, int tpsLimit, int queuedParts) {
}
