package org.cmppgw.gateway.persistence.jdbc;

/**
 * A write of one lane: it adds itself to the list its lane's processor keeps for its type (double dispatch), so a
 * processor sorts a batch without testing types and the compiler checks that a lane gets only its own writes.
 *
 * @param <B> the lane's batch
 */
interface LaneWrite<B> {
    void addTo(B batch);
}
