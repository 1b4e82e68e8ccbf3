package org.cmppgw.gateway.config;

import java.time.Duration;

/**
 * The {@code node} section: this gateway among the nodes that share one database (docs/operations.md "Several nodes
 * on one database", docs/design.md §8).
 *
 * @param id    this node, 0..1023: the node bits of every msg id it issues, the owner of the messages it accepts and of
 *              the callbacks it claims. Unique among the live nodes: a second live process with the same id is refused
 *              at start. Environment: {@code CMPPGW_NODE_ID}
 * @param lease how long a node's heartbeat holds its id and its connection slots: it renews them every lease / 3; a
 *              node silent for longer is dead and another node adopts its work. {@code CMPPGW_NODE_LEASE}
 */
public record NodeConfig(int id, Duration lease) {
    /** The largest node id: msg ids carry 10 node bits (docs/design.md §8). */
    public static final int MAX_ID = 1023;
    public static final Duration MIN_LEASE = Duration.ofSeconds(1);
    public static final Duration MAX_LEASE = Duration.ofMinutes(10);

    public NodeConfig {
        ConfigChecks.range("id", id, 0, MAX_ID);
        ConfigChecks.positive("lease", lease);
        if (lease.compareTo(MIN_LEASE) < 0 || lease.compareTo(MAX_LEASE) > 0) {
            throw new IllegalArgumentException("lease: " + Durations.format(lease) + " (expected: 1s..10m)");
        }
    }

    /** The built-in defaults (config/gateway.yaml). */
    public static NodeConfig defaults() {
        return new NodeConfig(0, Duration.ofSeconds(30));
    }
}
