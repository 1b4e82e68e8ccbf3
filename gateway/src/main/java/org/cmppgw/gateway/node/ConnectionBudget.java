package org.cmppgw.gateway.node;

import java.util.BitSet;

/**
 * A provider whose {@code connections} are a budget shared by all nodes: it opens a session only for the slots this
 * node holds, and sends at {@code tps × held / connections} (docs/operations.md "Several nodes on one database").
 */
public interface ConnectionBudget {
    /** The provider's name: its rows in {@code provider_slot}. */
    String provider();

    /** The provider's configured connections: slots 0 .. connections − 1. */
    int connections();

    /** From now on this node holds exactly {@code slots}; sessions of other slots close. Any thread, never blocks. */
    void hold(BitSet slots);
}
