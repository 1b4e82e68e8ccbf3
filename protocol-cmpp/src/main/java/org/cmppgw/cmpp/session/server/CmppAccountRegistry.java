package org.cmppgw.cmpp.session.server;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where {@link CmppServer} looks accounts up at login. Called on an event loop, so implementations must answer from
 * memory and never block (reload configuration elsewhere and swap an immutable snapshot in).
 */
@FunctionalInterface
public interface CmppAccountRegistry {

    /** The account that logs in with {@code sourceAddr}, if any. */
    Optional<CmppAccount> find(String sourceAddr);

    /** An immutable registry of {@code accounts}; duplicate Source_Addrs are rejected. */
    static CmppAccountRegistry of(Collection<CmppAccount> accounts) {
        Map<String, CmppAccount> bySource = new HashMap<>();
        for (CmppAccount account : accounts) {
            if (bySource.putIfAbsent(account.sourceAddr(), account) != null) {
                throw new IllegalArgumentException("accounts: " + account.sourceAddr()
                    + " listed twice (expected: one entry per Source_Addr)");
            }
        }
        Map<String, CmppAccount> snapshot = Map.copyOf(bySource);
        return sourceAddr -> Optional.ofNullable(snapshot.get(sourceAddr));
    }

    static CmppAccountRegistry of(CmppAccount... accounts) {
        return of(List.of(accounts));
    }
}
