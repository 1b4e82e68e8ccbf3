/**
 * A peer built on the published SMSGate library (com.chinamobile.cmos:sms-core) for the interop tests
 * (docs/interop.md): {@link org.cmppgw.interop.smsgate.SmsGatePeer} runs SMSGate as an ISMG or as an SP and prints
 * one JSON line per event. Cold path: test tooling, run in a child JVM with SMSGate's own classpath.
 */
package org.cmppgw.interop.smsgate;
