package org.cmppgw.gateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The {@code clicks} section: click tracking of links in SMS URL variables and email bodies (docs/api.md "Click
 * tracking"). A tracked link is replaced by {@code publicBaseUrl} + an unguessable token; the API listener serves
 * {@code path/{token}} with a 302 to the original link.
 *
 * @param enabled       track links when a send asks for it; off: a send with {@code track_links} is refused (50501)
 * @param publicBaseUrl what a tracked link starts with, as recipients reach the API listener (directly or through a
 *                      proxy): an absolute http(s) URL ending with {@code /}
 * @param path          where the API listener serves the tracking links: {@code /segment[/segment...]}; the proxy in
 *                      front of it maps {@code publicBaseUrl} to it (directly: the same path)
 * @param tokenBytes    random bytes per token (16..32; 16 = 128 bits, a 22-character token)
 */
public record ClicksConfig(boolean enabled, String publicBaseUrl, String path, int tokenBytes) {
    /** The fewest random bytes of a token: 128 bits, beyond any guessing. */
    public static final int MIN_TOKEN_BYTES = 16;
    public static final int MAX_TOKEN_BYTES = 32;

    public ClicksConfig {
        ConfigChecks.range("tokenBytes", tokenBytes, MIN_TOKEN_BYTES, MAX_TOKEN_BYTES);
        checkBaseUrl(publicBaseUrl);
        checkPath(path);
    }

    private static void checkBaseUrl(String url) {
        String expected = " (expected: an absolute http(s) URL ending with /, without query, fragment, quotes or"
            + " spaces)";
        if (url == null || !url.endsWith("/") || url.indexOf('?') >= 0 || url.indexOf('#') >= 0) {
            throw new IllegalArgumentException("publicBaseUrl: " + url + expected);
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            // the URL goes into HTML attributes and SMS text as is
            if (c <= ' ' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '&' || c >= 0x7f) {
                throw new IllegalArgumentException("publicBaseUrl: " + url + expected);
            }
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException("publicBaseUrl: " + url + expected);
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("publicBaseUrl: " + url + expected, e);
        }
    }

    private static void checkPath(String path) {
        if (path == null || path.length() < 2 || path.charAt(0) != '/' || path.endsWith("/") || path.contains("//")
            || path.indexOf('{') >= 0 || path.indexOf('}') >= 0 || path.indexOf('?') >= 0) {
            throw new IllegalArgumentException("path: " + path + " (expected: /segment[/segment...], e.g. /t)");
        }
    }

    /** The route template of the tracking links: {@code path/{token}}. */
    public String routeTemplate() {
        return path + "/{token}";
    }

    /** The built-in default: off (the production example keeps it off). */
    public static ClicksConfig off() {
        return new ClicksConfig(false, "http://127.0.0.1:8080/t/", "/t", MIN_TOKEN_BYTES);
    }
}
