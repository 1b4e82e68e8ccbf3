/**
 * Interop tests against SMSGate, an independent CMPP implementation (docs/interop.md): SMSGate runs in a child JVM
 * ({@link org.cmppgw.interop.SmsGatePeerProcess}), our simulator and gateway in this JVM. Cold path: tests only.
 */
package org.cmppgw.interop;
