package org.cmppgw.gateway.api;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.Outcome;

import java.net.InetAddress;

/**
 * The checks every routed API request passes before its body is looked at, cheapest refusal first: credentials
 * (50001/50002), the app's allowed IPs (50035) and its request rate (50009). The route's {@link BodyRule} comes next.
 */
final class RequestGate {
    private final AppAuthenticator authenticator;

    RequestGate(AppAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    Outcome<ApiApp> admit(FullHttpRequest request, InetAddress peer) {
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (authorization == null || authorization.isBlank()) {
            return Outcome.fail(ApiError.MISSING_AUTH);
        }
        ApiApp app = authenticator.authenticate(authorization);
        if (app == null) {
            return Outcome.fail(ApiError.AUTH_FAILED);
        }
        if (peer == null || !app.allows(peer)) {
            return Outcome.fail(ApiError.ILLEGAL_IP);
        }
        if (!app.rules().tryAcquire()) {
            return Outcome.fail(ApiError.OUT_OF_FREQ);
        }
        return Outcome.ok(app);
    }
}
