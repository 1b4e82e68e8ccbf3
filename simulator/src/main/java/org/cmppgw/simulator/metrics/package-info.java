/**
 * Prometheus exposition for the simulator: a tiny Netty HTTP server serving {@code /metrics} from a Micrometer
 * registry. Cold path (one scrape every few seconds).
 */
package org.cmppgw.simulator.metrics;
