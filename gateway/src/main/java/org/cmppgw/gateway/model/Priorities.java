package org.cmppgw.gateway.model;

/**
 * {@link MessagePriority} as the store's 0..9 priority column ({@link OutboundMessage#priority()}, higher first) and
 * back: HIGH 8, NORMAL 5, LOW 2; reading back, 7..9 is HIGH, 4..6 NORMAL, 0..3 LOW.
 */
public final class Priorities {
    static final int HIGH = 8;
    static final int NORMAL = 5;
    static final int LOW = 2;

    private Priorities() {
    }

    public static int stored(MessagePriority priority) {
        return switch (priority) {
            case HIGH -> HIGH;
            case NORMAL -> NORMAL;
            case LOW -> LOW;
        };
    }

    public static MessagePriority of(int stored) {
        if (stored < OutboundMessage.MIN_PRIORITY || stored > OutboundMessage.MAX_PRIORITY) {
            throw new IllegalArgumentException("stored: " + stored + " (expected: 0..9)");
        }
        return stored >= 7 ? MessagePriority.HIGH : stored >= 4 ? MessagePriority.NORMAL : MessagePriority.LOW;
    }
}
