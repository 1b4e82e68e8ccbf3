package org.cmppgw.gateway.model;

/** The JSMS template types; each maps to the {@link MessagePriority} its messages are dispatched with. */
public enum TemplateType {
    /** Verification code (JSMS type 1). */
    CODE(MessagePriority.HIGH),
    /** Notification (JSMS type 2). */
    NOTIFICATION(MessagePriority.NORMAL),
    /** Marketing (JSMS type 3). */
    MARKETING(MessagePriority.LOW);

    private final MessagePriority priority;

    TemplateType(MessagePriority priority) {
        this.priority = priority;
    }

    public MessagePriority priority() {
        return priority;
    }
}
