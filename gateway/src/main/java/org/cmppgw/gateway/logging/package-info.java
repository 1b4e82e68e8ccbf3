/**
 * What every log line of the gateway shares: throttles for lines that could repeat once per message or request, and
 * masking of handset numbers. Either path may call these; they never block and allocate only when a line is written.
 */
package org.cmppgw.gateway.logging;
