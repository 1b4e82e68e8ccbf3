/**
 * The gateway's configuration: one immutable record per section of {@code gateway.yaml}
 * ({@link org.cmppgw.gateway.config.GatewayConfig} is the root) and the {@link org.cmppgw.gateway.config.ConfigLoader}
 * that reads the file, applies environment and {@code --set} overrides and built-in defaults, binds the records and
 * fails fast with {@code path: value (expected: …)}. Cold path: runs once at start.
 */
package org.cmppgw.gateway.config;
