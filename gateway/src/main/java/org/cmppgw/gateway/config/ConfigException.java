package org.cmppgw.gateway.config;

/**
 * The configuration cannot be used. The message names the offending path and the reason in the shape
 * {@code providers[0].window: 0 (expected: 1..64)}, so an operator can fix the file without reading code.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
