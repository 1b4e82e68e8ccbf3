package org.cmppgw.gateway.api;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.cmppgw.gateway.config.ServerConfig;

import javax.net.ssl.SSLException;
import java.io.File;

/**
 * The server side of HTTPS for the API and, with {@code server.managementTls}, the management listener: Netty's
 * {@link SslContext} from the PEM files {@code server.tlsCertificate} and {@code server.tlsPrivateKey}
 * (docs/api.md "TLS"). Built once at start; a file that is missing or not PEM stops the start with the key's name.
 */
public final class ServerTls {
    private ServerTls() {
    }

    /**
     * @return the context, or null when {@code server.tlsCertificate} is empty (plain HTTP)
     * @throws IllegalStateException when the files cannot be read or do not hold a certificate and a matching key
     */
    public static SslContext of(ServerConfig server) {
        if (!server.tls()) {
            return null;
        }
        File certificate = readable("server.tlsCertificate", server.tlsCertificate());
        File key = readable("server.tlsPrivateKey", server.tlsPrivateKey());
        try {
            return SslContextBuilder.forServer(certificate, key).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalStateException("server.tlsCertificate: \"" + server.tlsCertificate()
                + "\", server.tlsPrivateKey: \"" + server.tlsPrivateKey() + "\" - cannot load them (" + e.getMessage()
                + "; expected: a PEM certificate chain and its unencrypted PKCS#8 private key)", e);
        }
    }

    private static File readable(String key, String path) {
        File file = new File(path);
        if (!file.isFile() || !file.canRead()) {
            throw new IllegalStateException(key + ": \"" + path + "\" (expected: a readable PEM file)");
        }
        return file;
    }
}
