/**
 * Email over SMTP (docs/api.md "Emails", docs/operations.md "SMTP providers"): {@code POST /v1/emails} is checked
 * ({@link org.cmppgw.gateway.email.EmailRules}) and stored one row per recipient before the API answers
 * ({@link org.cmppgw.gateway.email.EmailStore}); a polling thread claims due rows
 * ({@link org.cmppgw.gateway.email.EmailDispatcher}) and hands them to the first available
 * {@link org.cmppgw.gateway.email.SmtpProvider}, whose threads each keep one SMTP connection open. Outcomes are
 * written back with the {@code EMAIL_REPORT} callback in one transaction. Cold path next to SMS: blocking mail I/O on
 * its own threads, never on an event loop.
 */
package org.cmppgw.gateway.email;
