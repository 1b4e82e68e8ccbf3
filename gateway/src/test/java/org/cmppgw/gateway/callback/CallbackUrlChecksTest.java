package org.cmppgw.gateway.callback;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.cmppgw.gateway.config.AppCallbacks;
import org.cmppgw.gateway.config.AppConfig;
import org.cmppgw.gateway.config.CallbackUrl;
import org.cmppgw.gateway.config.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The start-up check of the apps' callback URLs, per app's {@code callbacks.urlCheck}, against real receivers. */
final class CallbackUrlChecksTest {
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final AtomicInteger checks = new AtomicInteger();
    private final CallbackUrlVerifier verifier = new CallbackUrlVerifier(Duration.ofSeconds(2), Duration.ofSeconds(5),
        CallbackTrust.of(""));
    private HttpServer server;
    private String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/echo", exchange -> answer(exchange, echostr(exchange.getRequestURI().getRawQuery())));
        server.createContext("/wrong", exchange -> answer(exchange, "success"));
        server.setExecutor(threads);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        threads.shutdownNow();
    }

    @Test
    void requireRefusesTheStartNamingTheAppAndTheFailingUrl() {
        List<AppConfig> apps = List.of(app("good", AppCallbacks.UrlCheck.REQUIRE, true, "/echo"),
            app("bad", AppCallbacks.UrlCheck.REQUIRE, true, "/echo", "/wrong"));

        assertThatThrownBy(() -> CallbackUrlChecks.run(apps, verifier))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("callbacks - 1 callback URL(s) failed the echostr check and "
                + "apps[].callbacks.urlCheck is require: app=bad url=" + base + "/wrong: answered \"success\"");
        assertThat(checks).hasValue(3);
    }

    @Test
    void requireStartsWhenEveryUrlEchoes() {
        CallbackUrlChecks.run(List.of(app("good", AppCallbacks.UrlCheck.REQUIRE, true, "/echo", "/echo?b=1")),
            verifier).join();
        assertThat(checks).hasValue(2);
    }

    @Test
    void warnChecksWithoutStoppingTheStart() {
        CallbackUrlChecks.run(List.of(app("bad", AppCallbacks.UrlCheck.WARN, true, "/wrong")), verifier).join();
        assertThat(checks).as("checked, and the failure only logged").hasValue(1);
    }

    @Test
    void offAndAppsWithoutCallbacksAreNotChecked() {
        CallbackUrlChecks.run(List.of(app("off", AppCallbacks.UrlCheck.OFF, true, "/wrong"),
            app("pulls", AppCallbacks.UrlCheck.REQUIRE, false, "/wrong")), verifier).join();
        assertThat(checks).hasValue(0);
    }

    private AppConfig app(String appKey, AppCallbacks.UrlCheck check, boolean enabled, String... paths) {
        List<CallbackUrl> urls = new ArrayList<>();
        for (int i = 0; i < paths.length; i++) {
            urls.add(new CallbackUrl(base + paths[i], i == 0));
        }
        return new AppConfig(appKey, Secret.of("s"), urls, List.of(), 0, 0, "",
            new AppCallbacks(enabled, AppCallbacks.TYPES, check));
    }

    private static String echostr(String query) {
        for (String pair : query.split("&")) {
            if (pair.startsWith("echostr=")) {
                return URLDecoder.decode(pair.substring(8), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    private void answer(HttpExchange exchange, String body) throws IOException {
        checks.incrementAndGet();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
