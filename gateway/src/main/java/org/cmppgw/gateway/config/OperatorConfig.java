package org.cmppgw.gateway.config;

/**
 * One entry of {@code operators}: a person or tool allowed to call the operator API (docs/api.md "Operator API") with
 * {@code Authorization: Basic base64(name:password)}. Never an app's credentials: operators review what apps submit.
 *
 * @param name     the login name (no {@code :}, it separates name and password in Basic auth)
 * @param password the password (masked in {@code toString}); {@code ${ENV_VAR}} keeps it out of the file
 */
public record OperatorConfig(String name, Secret password) {
    /** Shorter passwords are refused at start: the operator API can approve anything an app submits. */
    public static final int MIN_PASSWORD_LENGTH = 8;

    public OperatorConfig {
        ConfigChecks.text("name", name);
        if (name.indexOf(':') >= 0 || !name.strip().equals(name)) {
            throw new IllegalArgumentException("name: \"" + name + "\" (expected: no ':' and no surrounding spaces)");
        }
        ConfigChecks.present("password", password, "the operator's password");
        if (password.value().length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("password: " + password.value().length()
                + " characters (expected: at least " + MIN_PASSWORD_LENGTH + ")");
        }
    }
}
