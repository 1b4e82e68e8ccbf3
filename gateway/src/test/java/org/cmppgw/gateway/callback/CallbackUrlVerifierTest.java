package org.cmppgw.gateway.callback;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.cmppgw.simulator.smtp.SelfSignedTls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JSMS echostr check against real receivers: one that echoes, and ones that get it wrong. */
final class CallbackUrlVerifierTest {
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private HttpServer server;
    private String base;
    private final CallbackUrlVerifier verifier = new CallbackUrlVerifier(Duration.ofSeconds(2), Duration.ofSeconds(5),
        CallbackTrust.of(""));

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/echo",
            exchange -> answer(exchange, 200, echostr(exchange.getRequestURI().getRawQuery())));
        server.createContext("/wrong", exchange -> answer(exchange, 200, "success"));
        server.createContext("/missing", exchange -> answer(exchange, 404, ""));
        server.setExecutor(threads);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        threads.shutdownNow();
    }

    private static String echostr(String query) {
        for (String pair : query.split("&")) {
            if (pair.startsWith("echostr=")) {
                return URLDecoder.decode(pair.substring(8), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void aUrlThatEchoesPassesAndKeepsItsOwnQuery() {
        assertThat(verifier.verify(base + "/echo").join().passed()).isTrue();
        assertThat(verifier.verify(base + "/echo?app=1").join())
            .satisfies(v -> assertThat(v.passed()).as(v.detail()).isTrue());
    }

    @Test
    void anHttpsUrlPassesOnlyWhenItsCertificateIsTrusted(@TempDir Path dir) throws IOException {
        SelfSignedTls tls = SelfSignedTls.generate("localhost", "127.0.0.1", Clock.systemUTC());
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        https.setHttpsConfigurator(new HttpsConfigurator(tls.context()));
        https.createContext("/echo",
            exchange -> answer(exchange, 200, echostr(exchange.getRequestURI().getRawQuery())));
        https.setExecutor(threads);
        https.start();
        try {
            String url = "https://127.0.0.1:" + https.getAddress().getPort() + "/echo";
            Path pem = Files.writeString(dir.resolve("apps-ca.pem"), tls.certificatePem());
            CallbackUrlVerifier trusting = new CallbackUrlVerifier(Duration.ofSeconds(2), Duration.ofSeconds(5),
                CallbackTrust.of(pem.toString()));

            assertThat(trusting.verify(url).join()).satisfies(v -> assertThat(v.passed()).as(v.detail()).isTrue());
            assertThat(verifier.verify(url).join().passed()).as("with the JVM's CA certificates").isFalse();
        } finally {
            https.stop(0);
        }
    }

    @Test
    void wrongBodyWrongStatusAndNoServerFail() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        CallbackUrlVerifier.Verification wrong = verifier.verify(base + "/wrong").join();
        assertThat(wrong.passed()).isFalse();
        assertThat(wrong.detail()).startsWith("answered \"success\" (expected: the echostr ");
        assertThat(verifier.verify(base + "/missing").join().detail()).isEqualTo("answered HTTP 404 (expected: 200)");
        CallbackUrlVerifier.Verification dead = verifier.verify("http://127.0.0.1:" + closedPort + "/cb").join();
        assertThat(dead.passed()).isFalse();
        assertThat(dead.detail()).startsWith("no answer: ");
    }

    @Test
    void onlyAbsoluteHttpUrlsAreChecked() {
        assertThatThrownBy(() -> verifier.verify("ftp://127.0.0.1/cb"))
            .hasMessage("url: \"ftp://127.0.0.1/cb\" (expected: an absolute http or https URL)");
    }
}
