package org.cmppgw.gateway.config;

import java.util.List;

/**
 * One entry of {@code operators}: a person or tool allowed to call the operator API (docs/api.md "Operator API") with
 * {@code Authorization: Basic base64(name:password)}. Never an app's credentials: operators review what apps submit.
 *
 * @param name       the login name (no {@code :}, it separates name and password in Basic auth)
 * @param password   the password (masked in {@code toString}); {@code ${ENV_VAR}} keeps it out of the file
 * @param allowedIps client addresses the operator may call from, as IPs or CIDR blocks; empty = any (403/50035
 *                   otherwise, as for apps)
 * @param rateLimit  operator API requests per second; 0 = unlimited (429/50019 when exceeded)
 */
public record OperatorConfig(String name, Secret password, List<String> allowedIps, int rateLimit) {
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
        allowedIps = ConfigChecks.list("allowedIps", allowedIps);
        for (int i = 0; i < allowedIps.size(); i++) {
            AppConfig.checkIpOrCidr("allowedIps[" + i + "]", allowedIps.get(i));
        }
        ConfigChecks.atLeast("rateLimit", rateLimit, 0);
    }

    /** An operator who may call from anywhere, at any rate. */
    public OperatorConfig(String name, Secret password) {
        this(name, password, List.of(), 0);
    }
}
