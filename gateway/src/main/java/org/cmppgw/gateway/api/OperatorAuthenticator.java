package org.cmppgw.gateway.api;

import org.cmppgw.gateway.config.OperatorConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * HTTP Basic authentication of operators ({@code Authorization: Basic base64(name:password)}, docs/api.md "Operator
 * API") against {@code operators} only. Like {@link AppAuthenticator}: passwords compared in constant time, an
 * unknown name costs the same comparison as a wrong password.
 */
final class OperatorAuthenticator {
    /** No operators: every operator request is refused (401). */
    static final OperatorAuthenticator NONE = new OperatorAuthenticator(List.of());
    private static final String BASIC = "Basic ";
    private static final byte[] DECOY = new byte[32];

    private final Map<String, byte[]> passwords;

    OperatorAuthenticator(List<OperatorConfig> operators) {
        Map<String, byte[]> byName = new HashMap<>();
        for (OperatorConfig o : operators) {
            byName.put(o.name(), o.password().value().getBytes(StandardCharsets.UTF_8));
        }
        this.passwords = Map.copyOf(byName);
    }

    /** The operator's name {@code authorization} proves, or null when it is malformed, unknown or wrong. */
    String authenticate(String authorization) {
        if (authorization.length() <= BASIC.length()
            || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).trim()),
                StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String name = decoded.substring(0, colon);
        byte[] expected = passwords.get(name);
        byte[] given = decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
        boolean equal = MessageDigest.isEqual(given, expected == null ? DECOY : expected);
        return expected != null && equal ? name : null;
    }
}
