package org.cmppgw.gateway.model;

/**
 * How urgently a message goes out. The dispatcher serves higher priorities first; routing rules may match on it.
 * Derived from the template's {@link TemplateType}.
 */
public enum MessagePriority {
    /** Verification codes: a user is waiting. */
    HIGH,
    /** Notifications. */
    NORMAL,
    /** Marketing: may wait behind everything else. */
    LOW
}
