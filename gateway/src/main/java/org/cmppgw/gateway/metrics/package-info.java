/**
 * The one way the gateway reports numbers: {@link org.cmppgw.gateway.metrics.GatewayMetrics} (no-op by default,
 * HikariCP's {@code IMetricsTracker} style), with per-provider and per-session handles resolved once so the hot
 * path never looks a meter up, and its Micrometer/Prometheus implementation
 * {@link org.cmppgw.gateway.metrics.PrometheusGatewayMetrics}. Hot path: the handles' methods are called per message
 * and allocate nothing; labels are bounded (provider, session index, result, stat, endpoint, outcome), never a
 * phone number or message id.
 */
package org.cmppgw.gateway.metrics;
