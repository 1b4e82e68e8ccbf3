/**
 * The management listener ({@code server.managementPort}, docs/design.md §2, §7): {@code /metrics} for Prometheus,
 * {@code /health/live} and {@code /health/ready} for orchestrators and load balancers. Cold path: one small event
 * loop of its own, so a scrape never competes with API or carrier traffic for a thread.
 */
package org.cmppgw.gateway.management;
