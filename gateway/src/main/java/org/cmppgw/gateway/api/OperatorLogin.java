package org.cmppgw.gateway.api;

import org.cmppgw.gateway.config.OperatorConfig;
import org.cmppgw.gateway.config.ServerConfig;

import java.net.InetAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * An operator's name and password checked outside the operator API, by the console's login form
 * (docs/operations.md "Console"): the same {@link OperatorAuthenticator} (constant-time comparison) and the same
 * lock-out as the API ({@link FailedLogins}, {@code server.authFailureLimit} per {@code server.authFailureWindow}), and
 * the operator's {@code allowedIps}.
 */
public final class OperatorLogin {
    /** What a login attempt came to. */
    public enum Result {
        /** Name and password match an operator. */
        OK,
        /** Unknown name or wrong password; counted against the client's allowance. */
        REFUSED,
        /** The client used up its failures: refused without a password check. */
        LOCKED
    }

    private final OperatorAuthenticator authenticator;
    private final FailedLogins failures;

    public OperatorLogin(List<OperatorConfig> operators, ServerConfig server, LongSupplier nanoClock) {
        this.authenticator = new OperatorAuthenticator(operators, nanoClock);
        this.failures = new FailedLogins(server.authFailureLimit(), server.authFailureWindow().toNanos(), nanoClock);
    }

    /** Checks {@code name} and {@code password} sent from {@code remote}; a failure counts against its address. */
    public Result login(SocketAddress remote, String name, String password) {
        InetAddress client = ClientAddress.of(remote);
        if (failures.blocked(client)) {
            return Result.LOCKED;
        }
        // the authenticator reads Basic credentials; a ':' in the name could never match an operator anyway
        String credentials = name.indexOf(':') >= 0 ? ":" : name + ":" + password;
        String header = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        OperatorAuthenticator.Operator operator = authenticator.authenticate(header);
        if (operator != null) {
            // Right password from an address outside operators[].allowedIps: refused, as by the operator API, but
            // not a guess to count.
            return operator.allows(client) ? Result.OK : Result.REFUSED;
        }
        failures.failed(client);
        return Result.REFUSED;
    }
}
