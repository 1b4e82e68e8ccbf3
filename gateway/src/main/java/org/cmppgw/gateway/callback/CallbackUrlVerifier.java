package org.cmppgw.gateway.callback;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The JSMS check of a callback URL before it is used (docs/api.md, "URL verification"): {@code GET
 * {url}?echostr=XYZ} with a fresh random {@code XYZ}; the URL passes when it answers HTTP 200 with exactly
 * {@code XYZ} as its body. Run it when an app's URL is registered or at start, and refuse the URL when it fails.
 * Asynchronous and thread-safe; one instance can check any number of URLs.
 */
public final class CallbackUrlVerifier {
    /** The longest body read: an echo is a short token, anything longer is wrong anyway. */
    static final int MAX_BODY_CHARS = 1024;

    private final HttpClient client;
    private final Duration timeout;
    private final Supplier<String> echoes;

    /** Why a URL passed or failed; {@code detail} is for an operator's log line. */
    public record Verification(String url, boolean passed, String detail) {
        public Verification {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * A verifier with its own HTTP/1.1 client and the JDK's default executor; https URLs must present a certificate of
     * {@code trust}, as the callbacks' must.
     */
    public CallbackUrlVerifier(Duration connectTimeout, Duration timeout, CallbackTrust trust) {
        this(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER).sslContext(trust.sslContext()).build(), timeout,
            randomEchoes());
    }

    CallbackUrlVerifier(HttpClient client, Duration timeout, Supplier<String> echoes) {
        this.client = Objects.requireNonNull(client, "client");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.echoes = Objects.requireNonNull(echoes, "echoes");
    }

    /**
     * Checks {@code url}; the future always completes normally, with the verdict.
     *
     * @throws IllegalArgumentException if {@code url} is not an absolute http(s) URL
     */
    public CompletableFuture<Verification> verify(String url) {
        URI base = URI.create(url);
        String scheme = base.getScheme();
        if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) || base.getHost() == null) {
            throw new IllegalArgumentException("url: \"" + url + "\" (expected: an absolute http or https URL)");
        }
        String echo = echoes.get();
        String query = "echostr=" + URLEncoder.encode(echo, StandardCharsets.UTF_8);
        URI uri = URI.create(url + (base.getRawQuery() == null ? "?" : "&") + query);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
            .handle((response, error) -> verdict(url, echo, response, error));
    }

    private static Verification verdict(String url, String echo, HttpResponse<String> response, Throwable error) {
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null
                ? error.getCause() : error;
            return new Verification(url, false, "no answer: " + cause);
        }
        if (response.statusCode() != 200) {
            return new Verification(url, false, "answered HTTP " + response.statusCode() + " (expected: 200)");
        }
        String body = response.body();
        if (!echo.equals(body)) {
            String shown = body.length() > MAX_BODY_CHARS ? body.substring(0, MAX_BODY_CHARS) + "…" : body;
            return new Verification(url, false, "answered \"" + shown + "\" (expected: the echostr " + echo + ")");
        }
        return new Verification(url, true, "echoed the echostr");
    }

    private static Supplier<String> randomEchoes() {
        SecureRandom random = new SecureRandom();
        return () -> {
            byte[] bytes = new byte[12];
            random.nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        };
    }
}
