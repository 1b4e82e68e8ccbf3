package org.cmppgw.gateway.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * HTTP Basic authentication of apps ({@code Authorization: Basic base64(appKey:masterSecret)}, JSMS 50001/50002).
 * Secrets are compared in constant time, and an unknown key costs the same comparison as a wrong secret, so timing
 * tells an attacker neither which keys exist nor how much of a secret matched.
 */
final class AppAuthenticator {
    private static final String BASIC = "Basic ";
    private static final byte[] DECOY = new byte[32];

    private final Map<String, ApiApp> apps;

    AppAuthenticator(List<ApiApp> apps) {
        Map<String, ApiApp> byKey = new HashMap<>();
        for (ApiApp app : apps) {
            byKey.put(app.appKey(), app);
        }
        this.apps = Map.copyOf(byKey);
    }

    /** The app {@code authorization} proves, or null when it is malformed, unknown or wrong. */
    ApiApp authenticate(String authorization) {
        if (authorization.length() <= BASIC.length()
            || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return null;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(authorization.substring(BASIC.length()).trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = indexOf(decoded, (byte) ':');
        if (colon < 0) {
            return null;
        }
        ApiApp app = apps.get(new String(decoded, 0, colon, StandardCharsets.UTF_8));
        byte[] given = new byte[decoded.length - colon - 1];
        System.arraycopy(decoded, colon + 1, given, 0, given.length);
        boolean equal = MessageDigest.isEqual(given, app == null ? DECOY : app.secret());
        return app != null && equal ? app : null;
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
