package org.cmppgw.gateway.api;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.Outcome;
import org.cmppgw.gateway.logging.LogThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.util.function.Function;

/**
 * The checks every routed API request passes before its body is looked at, cheapest refusal first: credentials
 * (50001/50002), with the caller's address refused 429/50019 before any password check once it has failed too often
 * ({@link FailedLogins}), the app's (or operator's) allowed IPs (50035) and its request rate (429/50019). The route's
 * {@link BodyRule} comes next.
 */
final class RequestGate {
    private static final Logger LOG = LoggerFactory.getLogger(RequestGate.class);
    private static final String OPERATOR_OVER_RATE = "too many requests: operator over its rateLimit";

    private final AppAuthenticator authenticator;
    private final OperatorAuthenticator operators;
    private final OperatorAuthenticator account;
    private final FailedLogins failedLogins;
    private final LogThrottle blockedLog;

    RequestGate(AppAuthenticator authenticator, FailedLogins failedLogins, LogThrottle blockedLog) {
        this(authenticator, OperatorAuthenticator.NONE, failedLogins, blockedLog);
    }

    RequestGate(AppAuthenticator authenticator, OperatorAuthenticator operators, FailedLogins failedLogins,
                LogThrottle blockedLog) {
        this(authenticator, operators, OperatorAuthenticator.NONE, failedLogins, blockedLog);
    }

    /** @param account the account's dev credentials ({@code GET /v1/accounts/dev}) */
    RequestGate(AppAuthenticator authenticator, OperatorAuthenticator operators, OperatorAuthenticator account,
                FailedLogins failedLogins, LogThrottle blockedLog) {
        this.authenticator = authenticator;
        this.operators = operators;
        this.account = account;
        this.failedLogins = failedLogins;
        this.blockedLog = blockedLog;
    }

    Outcome<ApiApp> admit(FullHttpRequest request, InetAddress peer) {
        Outcome<ApiApp> authenticated = authenticate(request, peer, authenticator::authenticate);
        if (!authenticated.isOk()) {
            return authenticated;
        }
        ApiApp app = authenticated.value();
        if (peer == null || !app.allows(peer)) {
            return Outcome.fail(ApiError.ILLEGAL_IP);
        }
        if (!app.rules().tryAcquire()) {
            return Outcome.fail(ApiError.APP_OVER_RATE);
        }
        return Outcome.ok(app);
    }

    /**
     * The operator an operator route's request comes from: the same missing-credentials and failed-login answers as
     * an app's, counted in the same per-address limit, but checked against {@code operators} only (an app's secret
     * never opens the operator API); then, like an app's, the operator's allowed IPs (50035) and request rate
     * (429/50019).
     */
    Outcome<String> admitOperator(FullHttpRequest request, InetAddress peer) {
        return admitOperator(request, peer, operators);
    }

    /** The dev key an account route's request comes from, checked like an operator's against the dev credentials. */
    Outcome<String> admitAccount(FullHttpRequest request, InetAddress peer) {
        return admitOperator(request, peer, account);
    }

    private Outcome<String> admitOperator(FullHttpRequest request, InetAddress peer, OperatorAuthenticator who) {
        Outcome<OperatorAuthenticator.Operator> authenticated = authenticate(request, peer, who::authenticate);
        if (!authenticated.isOk()) {
            return authenticated.failure();
        }
        OperatorAuthenticator.Operator operator = authenticated.value();
        if (peer == null || !operator.allows(peer)) {
            return Outcome.fail(ApiError.ILLEGAL_IP);
        }
        if (!operator.tryAcquire()) {
            return new Outcome<>(null, ApiError.APP_OVER_RATE, OPERATOR_OVER_RATE);
        }
        return Outcome.ok(operator.name());
    }

    /**
     * Who the request's Basic credentials name, by {@code check} (null: nobody): 50001 without credentials, 50019/429
     * from an address over its failed logins (the secret unchecked), 50002 for wrong ones, counted against the address.
     */
    private <T> Outcome<T> authenticate(FullHttpRequest request, InetAddress peer, Function<String, T> check) {
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (authorization == null || authorization.isBlank()) {
            return Outcome.fail(ApiError.MISSING_AUTH);
        }
        InetAddress client = ClientAddress.of(peer);
        if (blocked(client)) {
            return Outcome.fail(ApiError.TOO_MANY_AUTH_FAILURES);
        }
        T who = check.apply(authorization);
        if (who == null) {
            failedLogins.failed(client);
            return Outcome.fail(ApiError.AUTH_FAILED);
        }
        return Outcome.ok(who);
    }

    private boolean blocked(InetAddress client) {
        if (failedLogins.blocked(client)) {
            long suppressed = blockedLog.tryLog();
            if (suppressed >= 0) {
                // the address only: the credentials are the attacker's guesses, or a real secret mistyped
                LOG.warn("api - too many failed logins from {}, answering 429 without checking credentials"
                    + " ({} more refused since the last line)", ClientAddress.describe(client), suppressed);
            }
            return true;
        }
        return false;
    }
}
