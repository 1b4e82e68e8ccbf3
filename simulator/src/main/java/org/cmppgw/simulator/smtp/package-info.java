/**
 * The SMTP sink: a subethasmtp server that accepts mail (optionally behind AUTH PLAIN/LOGIN, STARTTLS or implicit
 * TLS with a certificate generated at start), counts messages, recipients and bytes, and answers configured
 * recipients with injected 4xx/5xx replies. It stands in for a mail provider when the gateway's email path is
 * tested or load-tested. Sessions run on subethasmtp's thread-per-connection executor; counters are lock-free.
 * Warm path: per message it only counts.
 */
package org.cmppgw.simulator.smtp;
