package org.cmppgw.gateway.model;

/**
 * How a message reaches its recipient. A provider serves one channel, the router picks among the providers of a
 * message's channel, and every callback type belongs to one (docs/design.md §5). SMS goes through the CMPP
 * providers; EMAIL through the SMTP providers of the {@code email} package (docs/api.md "Emails").
 */
public enum Channel {
    /** Short messages to a handset, through a carrier's CMPP gateway. */
    SMS,
    /** Mail to an address, through an SMTP relay. */
    EMAIL
}
