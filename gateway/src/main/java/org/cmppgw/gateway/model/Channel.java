package org.cmppgw.gateway.model;

/**
 * How a message reaches its recipient. A provider serves one channel, the router picks among the providers of a
 * message's channel, and every callback type belongs to one (docs/design.md §5). Only SMS is sent today; EMAIL is the
 * seam an SMTP provider plugs into.
 */
public enum Channel {
    /** Short messages to a handset, through a carrier's CMPP gateway. */
    SMS,
    /** Mail to an address, through an SMTP relay. */
    EMAIL
}
