package org.cmppgw.cmpp.session.server;

import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.pdu.CmppConnect;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An SP account as an ISMG (our server side) knows it (docs/cmpp-protocol.md §5): who may log in, with which secret,
 * from where, how many connections at once (carriers limit concurrent logins per SP, §12.5) and, optionally, which
 * version it must speak (§15 #10). {@link #toString()} masks the secret.
 *
 * @param sourceAddr       the Source_Addr (SP_Id) the account logs in with, 1 to 6 characters
 * @param secret           the shared secret hashed into the authenticators
 * @param maxConnections   concurrent logins allowed across the whole server, at least 1
 * @param allowedAddresses IP addresses (as {@code InetAddress#getHostAddress()} prints them) allowed to log in; empty
 *                         means any
 * @param pinnedVersion    the version this account must use, or empty to accept what the client asks for
 */
public record CmppAccount(String sourceAddr, String secret, int maxConnections, Set<String> allowedAddresses,
                          Optional<CmppVersion> pinnedVersion) {

    public CmppAccount {
        Objects.requireNonNull(sourceAddr, "sourceAddr");
        if (sourceAddr.isEmpty() || sourceAddr.length() > CmppConnect.SOURCE_ADDR_LENGTH) {
            throw new IllegalArgumentException("sourceAddr: \"" + sourceAddr + "\" (expected: 1..6 characters)");
        }
        Objects.requireNonNull(secret, "secret");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections: " + maxConnections + " (expected: >= 1)");
        }
        allowedAddresses = Set.copyOf(allowedAddresses);
        Objects.requireNonNull(pinnedVersion, "pinnedVersion");
    }

    /** An account reachable from anywhere, in any version. */
    public static CmppAccount of(String sourceAddr, String secret, int maxConnections) {
        return new CmppAccount(sourceAddr, secret, maxConnections, Set.of(), Optional.empty());
    }

    /** Whether a client at {@code address} may log in as this account. */
    public boolean allows(String address) {
        return allowedAddresses.isEmpty() || allowedAddresses.contains(address);
    }

    @Override
    public String toString() {
        return "CmppAccount[sourceAddr=" + sourceAddr + ", secret=****, maxConnections=" + maxConnections
            + ", allowedAddresses=" + allowedAddresses + ", pinnedVersion=" + pinnedVersion.map(CmppVersion::label)
            .orElse("any") + "]";
    }
}
