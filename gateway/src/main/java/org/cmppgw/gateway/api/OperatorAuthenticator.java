package org.cmppgw.gateway.api;

import org.cmppgw.gateway.config.OperatorConfig;
import org.cmppgw.gateway.intake.AppRequestRate;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * HTTP Basic authentication of operators ({@code Authorization: Basic base64(name:password)}, docs/api.md "Operator
 * API") against {@code operators} only. Like {@link AppAuthenticator}: passwords compared in constant time, an
 * unknown name costs the same comparison as a wrong password. Each operator keeps its allowed addresses and request
 * rate, checked by {@link RequestGate} once the password is right.
 */
final class OperatorAuthenticator {
    /** No operators: every operator request is refused (401). */
    static final OperatorAuthenticator NONE = new OperatorAuthenticator(List.of(), () -> 0);
    private static final String BASIC = "Basic ";
    private static final byte[] DECOY = new byte[32];

    /** An authenticated operator, shared by every event loop. */
    static final class Operator {
        private final String name;
        private final byte[] password;
        private final IpAllowList allowList;
        private final AppRequestRate rate;

        private Operator(OperatorConfig config, LongSupplier nanoClock) {
            this.name = config.name();
            this.password = config.password().value().getBytes(StandardCharsets.UTF_8);
            this.allowList = IpAllowList.of(config.allowedIps());
            this.rate = config.rateLimit() == 0 ? null : new AppRequestRate(config.rateLimit(), nanoClock);
        }

        String name() {
            return name;
        }

        /** Whether the operator may call from {@code peer} ({@code operators[].allowedIps}). */
        boolean allows(InetAddress peer) {
            return allowList.allows(peer);
        }

        /** Takes one request's share of {@code operators[].rateLimit}; false when over it. */
        boolean tryAcquire() {
            return rate == null || rate.tryAcquire();
        }
    }

    private final Map<String, Operator> operators;

    /** @param nanoClock drives the operators' request rates */
    OperatorAuthenticator(List<OperatorConfig> operators, LongSupplier nanoClock) {
        Map<String, Operator> byName = new HashMap<>();
        for (OperatorConfig o : operators) {
            byName.put(o.name(), new Operator(o, nanoClock));
        }
        this.operators = Map.copyOf(byName);
    }

    /** The operator {@code authorization} proves, or null when it is malformed, unknown or wrong. */
    Operator authenticate(String authorization) {
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
        Operator operator = operators.get(decoded.substring(0, colon));
        byte[] given = decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
        boolean equal = MessageDigest.isEqual(given, operator == null ? DECOY : operator.password);
        return operator != null && equal ? operator : null;
    }
}
