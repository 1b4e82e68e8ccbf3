package org.cmppgw.gateway.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The logged-in operators: a random session token (the cookie) maps to the operator's name and the CSRF token every
 * form of that session carries. A session unused for {@code console.sessionTimeout} is gone; at most
 * {@link #MAX_SESSIONS} live at once, so a flood of logins cannot grow the table without bound.
 */
final class ConsoleSessions {
    static final int MAX_SESSIONS = 1_000;
    private static final int TOKEN_BYTES = 32;

    /** One logged-in operator. */
    record Session(String operator, String csrf, long lastUsedNanos) {
    }

    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final long timeoutNanos;
    private final LongSupplier nanoClock;

    ConsoleSessions(Duration timeout, LongSupplier nanoClock) {
        this.timeoutNanos = timeout.toNanos();
        this.nanoClock = nanoClock;
    }

    /** A new unguessable token (URL-safe). */
    String token() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Starts a session for {@code operator}; returns its token, or null when the table is full of live sessions. */
    String open(String operator) {
        long now = nanoClock.getAsLong();
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.values().removeIf(s -> now - s.lastUsedNanos() > timeoutNanos);
            if (sessions.size() >= MAX_SESSIONS) {
                return null;
            }
        }
        String token = token();
        sessions.put(token, new Session(operator, token(), now));
        return token;
    }

    /** The live session of {@code token} (its use moves the timeout on), or null. */
    Session find(String token) {
        if (token == null) {
            return null;
        }
        long now = nanoClock.getAsLong();
        Session session = sessions.get(token);
        if (session == null) {
            return null;
        }
        if (now - session.lastUsedNanos() > timeoutNanos) {
            sessions.remove(token, session);
            return null;
        }
        Session touched = new Session(session.operator(), session.csrf(), now);
        sessions.replace(token, session, touched);
        return touched;
    }

    /** Ends the session of {@code token}, if any. */
    void close(String token) {
        if (token != null) {
            sessions.remove(token);
        }
    }

    /** Compares a form's token with the expected one in constant time. */
    static boolean sameToken(String expected, String given) {
        return expected != null && given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
            given.getBytes(StandardCharsets.UTF_8));
    }
}
