package org.cmppgw.gateway.app;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cmppgw.gateway.api.TestTls;
import org.cmppgw.simulator.ismg.IsmgConfig;
import org.cmppgw.simulator.ismg.IsmgServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 10: with {@code server.managementTls} on, the console's cookies are marked Secure. */
final class ConsoleTlsIT {
    @TempDir
    Path dir;

    @Test
    void overTlsTheCookiesAreSecure() throws Exception {
        try (IsmgServer ismg = IsmgServer.start(IsmgConfig.defaults().withPort(0), Clock.systemUTC(),
                 new SimpleMeterRegistry());
             Gateway gateway = Gateway.start(E2e.config(E2e.overrides(ismg.port(), E2e.h2Url(dir), "sa", "",
                 URI.create("http://127.0.0.1:9/callback")), "apps[0].callbacks.urlCheck=OFF",
                 "server.tlsCertificate=" + TestTls.path(TestTls.CERTIFICATE),
                 "server.tlsPrivateKey=" + TestTls.path(TestTls.PRIVATE_KEY), "server.managementTls=true"),
                 Clock.systemUTC())) {
            HttpClient client = HttpClient.newBuilder().sslContext(TestTls.clientContext()).build();
            URI login = URI.create("https://127.0.0.1:" + gateway.managementAddress().getPort() + "/console/login");

            HttpResponse<String> page = client.send(HttpRequest.newBuilder(login).build(),
                HttpResponse.BodyHandlers.ofString());
            String loginCookie = page.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(loginCookie).startsWith("console_login=").contains("HttpOnly", "SameSite=Strict", "Secure");

            String form = "csrf=" + ConsoleClient.csrf(page.body()) + "&name=demo-operator&password="
                + URLEncoder.encode("demo-operator-password", StandardCharsets.UTF_8);
            HttpResponse<String> in = client.send(HttpRequest.newBuilder(login)
                .header("Cookie", loginCookie.split(";", 2)[0])
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(in.statusCode()).isEqualTo(303);
            assertThat(in.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("console_session="))
                .singleElement().satisfies(c -> assertThat(c).contains("HttpOnly", "SameSite=Strict", "Secure"));
        }
    }
}
