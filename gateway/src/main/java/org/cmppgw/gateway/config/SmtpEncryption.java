package org.cmppgw.gateway.config;

/**
 * How an SMTP provider's connection is protected: the three choices of the SMTP channel form (docs/operations.md
 * "SMTP providers").
 */
public enum SmtpEncryption {
    /** Plain SMTP, usually port 25 or 587: only for a relay on a trusted network. */
    NONE,
    /** Implicit TLS (SMTPS), usually port 465: TLS from the first byte. */
    SSL_TLS,
    /**
     * Plain SMTP upgraded with STARTTLS before AUTH and MAIL, usually port 587; the connection fails if the server
     * does not offer it.
     */
    STARTTLS
}
