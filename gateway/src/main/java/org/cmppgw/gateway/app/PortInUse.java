package org.cmppgw.gateway.app;

import org.cmppgw.cmpp.session.SocketTransport;
import org.cmppgw.gateway.config.ConfigException;

import java.util.function.Supplier;

/**
 * Starts a listener and turns "address already in use" into a one-line configuration error that names the key to
 * change, instead of a stack trace: the most common first-hour failure is a second gateway, or another service, on
 * port 8080 or 7890.
 */
final class PortInUse {
    private PortInUse() {
    }

    /**
     * @param key  the configuration path of the port, for the message
     * @param host the address bound
     * @param port the port bound
     * @throws ConfigException when the port is taken
     */
    static <T> T listen(String key, String host, int port, Supplier<T> start) {
        try {
            return start.get();
        } catch (Exception e) { // Netty's sync() rethrows the checked BindException undeclared
            if (SocketTransport.addressInUse(e)) {
                throw new ConfigException(key + ": " + port + " on " + host + " is already in use by another "
                    + "process (stop it, or choose a free port: --set " + key + "=<port>)", e);
            }
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.toString(), e);
        }
    }
}
