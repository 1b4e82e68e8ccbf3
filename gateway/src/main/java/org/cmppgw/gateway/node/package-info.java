/**
 * Many gateway nodes on one database (docs/design.md §8, docs/operations.md "Several nodes on one database"): each
 * node holds its id by a heartbeat in {@code gateway_node}, leases its share of every provider's connection slots in
 * {@code provider_slot}, and one live node adopts the work of a node whose heartbeat stopped. The SQL lives here.
 *
 * <p>Cold path: a heartbeat every lease / 3 on its own thread, never on an event loop.
 */
package org.cmppgw.gateway.node;
