package org.cmppgw.gateway.app;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cmppgw.simulator.ismg.IsmgConfig;
import org.cmppgw.simulator.ismg.IsmgServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10: the console's security over real HTTP against a real gateway on H2 (docs/operations.md "Console"). Nothing
 * is reachable without a session, every POST needs the CSRF token, the session cookie is HttpOnly and SameSite=Strict,
 * failed logins lock the address out, no page shows an app's secret, and what apps submit is shown as text.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class ConsoleSecurityIT {
    private static final String OPERATOR = "demo-operator";
    private static final String PASSWORD = "demo-operator-password";
    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final List<String> PAGES = List.of("/console", "/console/", "/console/apps",
        "/console/apps/demo-app-key", "/console/templates", "/console/templates?status=approved",
        "/console/signatures", "/console/messages", "/console/messages?mobile=13800138000",
        "/console/channels", "/console/channels/table", "/console/nowhere",
        "/console/send", "/console/send?msg_id=1&app=demo-app-key&temp_id=1", "/console/templates/1",
        "/console/templates/1?preview=1&sign_id=1&variables=code%3D1", "/console/schedules",
        "/console/schedules?status=sent", "/console/schedules/00000000-0000-0000-0000-000000000000",
        "/console/balances", "/console/balances?page=2", "/console/users", "/console/users?q=13800138000",
        "/console/users/detail?app=demo-app-key&id=u-1", "/console/policies",
        "/console/apps/demo-app-key?page=2");
    private static final List<String> ACTIONS = List.of("/console/logout", "/console/templates/1/approve",
        "/console/templates/1/reject", "/console/signatures/1/approve", "/console/signatures/1/reject",
        "/console/send", "/console/schedules/00000000-0000-0000-0000-000000000000/cancel",
        "/console/balances/top_up", "/console/balances/allocate", "/console/balances/return",
        "/console/policies/1/delete", "/console/apps/demo-app-key/alerts");

    @TempDir
    static Path dir;
    private static IsmgServer ismg;
    private static Gateway gateway;
    private static long scriptTemplate;

    @BeforeAll
    static void start() {
        ismg = IsmgServer.start(IsmgConfig.defaults().withPort(0), Clock.systemUTC(), new SimpleMeterRegistry());
        gateway = Gateway.start(E2e.config(E2e.overrides(ismg.port(), E2e.h2Url(dir), "sa", "",
            URI.create("http://127.0.0.1:9/callback")), "review.autoApprove=false", "server.authFailureLimit=3",
            "apps[0].callbacks.urlCheck=OFF"), Clock.systemUTC());
        URI api = URI.create("http://127.0.0.1:" + gateway.apiAddress().getPort());
        HttpResponse<String> created = E2e.json(api.resolve("/v1/templates"), "POST", E2e.APP_KEY, E2e.MASTER_SECRET,
            "{\"temp_id\":0,\"template\":\"" + SCRIPT.replace("/", "\\/") + " {{code}}\",\"type\":1,\"ttl\":60}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        scriptTemplate = E2e.read(created.body()).path("temp_id").asLong();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (ismg != null) {
            ismg.close();
        }
    }

    private static ConsoleClient client() {
        return new ConsoleClient(gateway.managementAddress().getPort());
    }

    @Test
    void everyPageAndActionIsRefusedWithoutASession() {
        ConsoleClient anonymous = client();
        for (String page : PAGES) {
            HttpResponse<String> response = anonymous.get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(303);
            assertThat(response.headers().firstValue("Location")).as(page).hasValue("/console/login");
        }
        for (String action : ACTIONS) {
            HttpResponse<String> response = anonymous.post(action, Map.of("reason", "no"));
            assertThat(response.statusCode()).as(action).isEqualTo(401);
        }
        assertThat(anonymous.get("/console/login").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/health/live").statusCode()).as("management still served").isEqualTo(200);
    }

    @Test
    void aForgedSessionCookieIsNoSession() {
        HttpResponse<String> page = E2e.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
            + gateway.managementAddress().getPort() + "/console/apps")).header("Cookie", "console_session=forged")
            .GET().build());
        assertThat(page.statusCode()).isEqualTo(303);
    }

    @Test
    void loginNeedsItsOwnTokenAndSetsAStrictHttpOnlyCookie() {
        ConsoleClient browser = client();
        String token = ConsoleClient.csrf(browser.get("/console/login").body());
        assertThat(browser.post("/console/login", Map.of("csrf", "wrong", "name", OPERATOR, "password", PASSWORD))
            .statusCode()).isEqualTo(403);
        ConsoleClient noCookie = client();
        assertThat(noCookie.post("/console/login", Map.of("csrf", token, "name", OPERATOR, "password", PASSWORD))
            .statusCode()).isEqualTo(403);

        HttpResponse<String> in = browser.post("/console/login",
            Map.of("csrf", token, "name", OPERATOR, "password", PASSWORD));
        assertThat(in.statusCode()).isEqualTo(303);
        String cookie = in.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("console_session=")).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly", "SameSite=Strict", "Path=/console").doesNotContain("Secure");
        assertThat(browser.get("/console/apps").statusCode()).isEqualTo(200);
    }

    @Test
    void everyPostNeedsTheSessionsCsrfToken() {
        ConsoleClient browser = client();
        assertThat(browser.login(OPERATOR, PASSWORD).statusCode()).isEqualTo(303);
        String token = ConsoleClient.csrf(browser.get("/console/templates").body());
        for (String action : ACTIONS) {
            assertThat(browser.post(action, Map.of("reason", "no")).statusCode()).as(action).isEqualTo(403);
            assertThat(browser.post(action, Map.of("csrf", token + "x", "reason", "no")).statusCode()).as(action)
                .isEqualTo(403);
        }
        ConsoleClient other = client();
        other.login(OPERATOR, PASSWORD);
        String otherToken = ConsoleClient.csrf(other.get("/console/apps").body());
        assertThat(browser.post("/console/templates/" + scriptTemplate + "/approve", Map.of("csrf", otherToken))
            .statusCode()).as("another session's token").isEqualTo(403);
        assertThat(browser.get("/console/templates").body()).contains("approve-" + scriptTemplate);
    }

    @Test
    void logoutEndsTheSession() {
        ConsoleClient browser = client();
        browser.login(OPERATOR, PASSWORD);
        String session = browser.cookie("console_session");
        String token = ConsoleClient.csrf(browser.get("/console/apps").body());
        assertThat(browser.post("/console/logout", Map.of("csrf", token)).statusCode()).isEqualTo(303);
        assertThat(browser.cookie("console_session")).isNull();
        HttpResponse<String> replayed = E2e.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
            + gateway.managementAddress().getPort() + "/console/apps")).header("Cookie", "console_session=" + session)
            .GET().build());
        assertThat(replayed.statusCode()).isEqualTo(303);
    }

    @Test
    void noPageShowsAnAppSecretAndSubmittedTextIsEscaped() {
        ConsoleClient browser = client();
        browser.login(OPERATOR, PASSWORD);
        for (String page : PAGES) {
            HttpResponse<String> response = browser.get(page);
            assertThat(response.body()).as(page).doesNotContain(E2e.MASTER_SECRET, "5e987ac6d2e04d95a9d8f0d1",
                PASSWORD);
        }
        String templates = browser.get("/console/templates").body();
        assertThat(templates).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain(SCRIPT);
        HttpResponse<String> reflected = browser.get("/console/messages?mobile=%3Cscript%3E");
        assertThat(reflected.body()).doesNotContain("<script>").contains("value=\"&lt;script>\"");
    }

    @Test
    void theTestSendPreviewAndUserPagesShowWhatTheyAreGivenAsText() {
        ConsoleClient browser = client();
        browser.login(OPERATOR, PASSWORD);
        String preview = browser.get("/console/templates/" + scriptTemplate + "?preview=1&sign_id=1&variables="
            + "code%3D%3Cb%3Ex%3C%2Fb%3E").body();
        assertThat(preview).contains("&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;x&lt;/b&gt;")
            .doesNotContain(SCRIPT, "<b>x</b>");
        String token = ConsoleClient.csrf(browser.get("/console/send").body());
        HttpResponse<String> sent = browser.post("/console/send", Map.of("csrf", token, "app", "demo-app-key",
            "temp_id", "1", "sign_id", "1", "mobile", SCRIPT, "variables", "code=" + SCRIPT));
        assertThat(sent.statusCode()).isEqualTo(400);
        assertThat(sent.body()).doesNotContain(SCRIPT).contains("&lt;script&gt;alert(1)&lt;/script&gt;</textarea>");
        assertThat(browser.get("/console/users?q=%3Cscript%3E").body()).doesNotContain("<script>")
            .contains("value=\"&lt;script>\"");
        assertThat(browser.get("/console/schedules?app=%3Cscript%3E").body()).doesNotContain("<script>");
    }

    @Test
    void badSearchInputIsAClearError() throws IOException {
        ConsoleClient browser = client();
        browser.login(OPERATOR, PASSWORD);
        HttpResponse<String> bad = browser.get("/console/messages?status=lost&msg_id=x");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("expected: a positive number");
        assertThat(rawStatusLine("/console/messages?mobile=%zz", browser.cookie("console_session")))
            .as("malformed escape").startsWith("HTTP/1.1 400");
        assertThat(browser.get("/console/messages/12x").statusCode()).isEqualTo(404);
        String token = ConsoleClient.csrf(bad.body());
        HttpResponse<String> noReason = browser.post("/console/templates/" + scriptTemplate + "/reject",
            Map.of("csrf", token, "reason", " "));
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("reason must be 1..500 characters");
    }

    /** A GET no HTTP client library would send (a malformed escape); the answer's status line. */
    private static String rawStatusLine(String target, String session) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", gateway.managementAddress().getPort())) {
            socket.setSoTimeout((int) E2e.TIMEOUT.toMillis());
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Cookie: console_session=" + session + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                .readLine();
        }
    }

    @Test
    @Order(Integer.MAX_VALUE) // every test logs in from 127.0.0.1: the lock-out comes last
    void repeatedFailuresLockTheAddressOut() {
        ConsoleClient attacker = client();
        int last = 0;
        for (int i = 0; i < 4; i++) {
            last = attacker.login(OPERATOR, "wrong-password-" + i).statusCode();
        }
        assertThat(last).isEqualTo(429);
        assertThat(attacker.login(OPERATOR, PASSWORD).statusCode()).as("even the right password, while locked")
            .isEqualTo(429);
    }
}
