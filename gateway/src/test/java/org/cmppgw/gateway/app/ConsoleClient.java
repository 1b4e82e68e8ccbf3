package org.cmppgw.gateway.app;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser's HTTP side for the console's tests: keeps the cookies the console sets, never follows redirects (the
 * tests assert them), and reads the CSRF token out of a page's hidden field.
 */
final class ConsoleClient {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final URI base;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    ConsoleClient(int managementPort) {
        this.base = URI.create("http://127.0.0.1:" + managementPort);
    }

    HttpResponse<String> get(String path) {
        return remember(E2e.send(request(path).GET().build()));
    }

    HttpResponse<String> post(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
        return remember(E2e.send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build()));
    }

    /** Opens the login page and posts the credentials with its token; the answer to the POST. */
    HttpResponse<String> login(String name, String password) {
        String token = csrf(get("/console/login").body());
        return post("/console/login", Map.of("csrf", token, "name", name, "password", password));
    }

    /** The CSRF token of a page's forms. */
    static String csrf(String page) {
        Matcher m = CSRF.matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF field in: " + page);
        }
        return m.group(1);
    }

    String cookie(String name) {
        return cookies.get(name);
    }

    void forget() {
        cookies.clear();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(E2e.TIMEOUT);
        if (!cookies.isEmpty()) {
            builder.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; ")));
        }
        return builder;
    }

    private HttpResponse<String> remember(HttpResponse<String> response) {
        List<String> set = response.headers().allValues("Set-Cookie");
        for (String header : set) {
            String pair = header.split(";", 2)[0];
            int eq = pair.indexOf('=');
            String name = pair.substring(0, eq);
            String value = pair.substring(eq + 1);
            if (value.isEmpty() || header.contains("Max-Age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        return response;
    }
}
