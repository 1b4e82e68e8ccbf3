package org.cmppgw.simulator.config;

/**
 * A configuration value is missing, unknown or invalid. The message names the file and the key path
 * ({@code config/simulator.yaml: smtp.tlsPort - ...}) so an operator can fix it without reading code.
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
