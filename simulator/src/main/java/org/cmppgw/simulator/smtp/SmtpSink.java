package org.cmppgw.simulator.smtp;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandlerFactory;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A mail server that accepts and counts everything (apart from injected failures), standing in for a mail
 * provider. Plain SMTP with optional STARTTLS on {@link SmtpConfig#port()}, implicit TLS on
 * {@link SmtpConfig#tlsPort()}, optional AUTH PLAIN/LOGIN (required or not), all from one {@link SmtpConfig}.
 * Embeddable: {@code try (SmtpSink sink = new SmtpSink(config).start()) { ... sink.port() ... }}.
 */
public final class SmtpSink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpSink.class);
    private static final int SESSION_TIMEOUT_SECONDS = 60;

    private final SmtpConfig config;
    private final SmtpSinkStats stats = new SmtpSinkStats();
    private final Map<String, byte[]> passwords = new HashMap<>();
    private final Clock clock;
    private SelfSignedTls tls;
    private SMTPServer plain;
    private SMTPServer implicitTls;
    private boolean closed;

    /** A sink whose counters are only readable through {@link #stats()}. */
    public SmtpSink(SmtpConfig config) {
        this(config, null, Clock.systemUTC());
    }

    /** A sink that also exports its counters to {@code registry}. */
    public SmtpSink(SmtpConfig config, MeterRegistry registry) {
        this(config, registry, Clock.systemUTC());
    }

    /** @param clock dates the generated certificate */
    SmtpSink(SmtpConfig config, MeterRegistry registry, Clock clock) {
        this.config = config;
        this.clock = clock;
        config.users().forEach(u -> passwords.put(u.user(), u.password().getBytes(StandardCharsets.UTF_8)));
        if (registry != null) {
            stats.bindTo(registry);
        }
    }

    /**
     * Generates the certificate (when TLS is on) and binds the ports.
     *
     * @throws IllegalStateException when started twice or a port cannot be bound
     */
    public synchronized SmtpSink start() {
        if (plain != null) {
            throw new IllegalStateException("smtp sink - already started (port=" + port() + ")");
        }
        tls = config.tls() ? SelfSignedTls.generate(config.hostName(), config.host(), clock) : null;
        SMTPServer.Builder plainBuilder = builder(config.port(), "smtp").enableTLS(config.starttls());
        if (config.starttls()) {
            plainBuilder.startTlsSocketFactory(tls::wrapForStartTls);
        }
        plain = plainBuilder.build();
        start(plain);
        if (config.tlsPort() != SmtpConfig.OFF) {
            implicitTls = builder(config.tlsPort(), "smtps")
                .serverSocketFactory(tls.context())
                .build();
            try {
                start(implicitTls);
            } catch (IllegalStateException e) {
                implicitTls = null;
                plain.stop();
                throw e;
            }
        }
        LOG.info("smtp sink on {}:{}{}{}{}", config.host(), port(), config.starttls() ? " (STARTTLS)" : "",
            implicitTls == null ? "" : ", implicit TLS on " + config.host() + ":" + tlsPort(),
            config.users().isEmpty() ? "" : config.authRequired() ? ", AUTH required" : ", AUTH offered");
        return this;
    }

    /** The bound plain/STARTTLS port (the real one after binding port 0). */
    public synchronized int port() {
        return running(plain).getPortAllocated();
    }

    /** The bound implicit-TLS port, or {@link SmtpConfig#OFF}. */
    public synchronized int tlsPort() {
        running(plain);
        return implicitTls == null ? SmtpConfig.OFF : implicitTls.getPortAllocated();
    }

    /** The generated certificate, for clients that must trust it. */
    public synchronized X509Certificate certificate() {
        if (tls == null) {
            throw new IllegalStateException("smtp sink - TLS is off (starttls=false, tlsPort=-1) or not started");
        }
        return tls.certificate();
    }

    public SmtpSinkStats stats() {
        return stats;
    }

    /** Stops accepting, closes open sessions and waits for their threads. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (implicitTls != null) {
            implicitTls.stop();
        }
        if (plain != null) {
            plain.stop();
            LOG.info("smtp sink stopped: {} messages, {} recipients, {} bytes", stats.messages(),
                stats.recipients(), stats.bytes());
        }
    }

    private SMTPServer.Builder builder(int port, String name) {
        RecipientRules rules = new RecipientRules(config.failures());
        MessageHandlerFactory handlers = context -> new SinkMessageHandler(rules, stats, config.maxMessageSize());
        SMTPServer.Builder builder = SMTPServer.port(port)
            .bindAddress(address(config.host()))
            .hostName(config.hostName())
            .softwareName("cmpp-gateway smtp sink")
            .messageHandlerFactory(handlers)
            .insertReceivedHeaders(false)
            .maxConnections(config.maxConnections())
            .maxMessageSize(config.maxMessageSize())
            .connectionTimeout(SESSION_TIMEOUT_SECONDS, TimeUnit.SECONDS)
            .sessionHandler(new CountingSessions(stats))
            .executorService(Executors.newCachedThreadPool(new DefaultThreadFactory(name + "-session", true)))
            .serverThreadName(name + "-accept-" + config.host() + ":" + port);
        if (!config.users().isEmpty()) {
            builder.authenticationHandlerFactory(new EasyAuthenticationHandlerFactory(this::login))
                .requireAuth(config.authRequired());
        }
        return builder;
    }

    /** Accepts every session and counts it. */
    private record CountingSessions(SmtpSinkStats stats) implements SessionHandler {
        @Override
        public SessionAcceptance accept(Session session) {
            stats.sessionOpened();
            return SessionAcceptance.success();
        }

        @Override
        public void onSessionEnd(Session session) {
            // only openings are counted
        }
    }

    private void login(String user, String password, MessageContext context) throws LoginFailedException {
        byte[] expected = passwords.get(user);
        if (expected == null || !MessageDigest.isEqual(expected, password.getBytes(StandardCharsets.UTF_8))) {
            stats.authFailed();
            throw new LoginFailedException("5.7.8 authentication failed");
        }
    }

    private static void start(SMTPServer server) {
        try {
            server.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("smtp sink - cannot listen on " + server.getDisplayableLocalSocketAddress()
                + " (" + e.getCause() + ")", e);
        }
    }

    private static SMTPServer running(SMTPServer server) {
        if (server == null) {
            throw new IllegalStateException("smtp sink - not started");
        }
        return server;
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("host: " + host + " (expected: a resolvable address)", e);
        }
    }
}
