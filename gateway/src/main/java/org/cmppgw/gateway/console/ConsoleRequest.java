package org.cmppgw.gateway.console;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the console needs of one request, copied out of Netty's buffers so the answer can be built on another thread:
 * method, path and its segments, query, form fields (URL-encoded bodies only), cookies and the client's address.
 *
 * @param method  the HTTP method
 * @param path    the decoded path
 * @param query   the query parameters
 * @param form    the form fields of a POST
 * @param cookies the request's cookies by name
 * @param remote  the client's address
 */
record ConsoleRequest(HttpMethod method, String path, Map<String, List<String>> query,
                      Map<String, List<String>> form, Map<String, String> cookies, SocketAddress remote) {

    static ConsoleRequest of(FullHttpRequest request, SocketAddress remote) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        Map<String, List<String>> form = Map.of();
        if (HttpMethod.POST.equals(request.method())) {
            form = new QueryStringDecoder(request.content().toString(StandardCharsets.UTF_8), StandardCharsets.UTF_8,
                false).parameters();
        }
        Map<String, String> cookies = new HashMap<>();
        String header = request.headers().get(HttpHeaderNames.COOKIE);
        if (header != null) {
            for (Cookie cookie : ServerCookieDecoder.STRICT.decode(header)) {
                cookies.put(cookie.name(), cookie.value());
            }
        }
        return new ConsoleRequest(request.method(), uri.path(), uri.parameters(), form, cookies, remote);
    }

    /** The path's non-empty segments: {@code /console/templates/7/approve} → console, templates, 7, approve. */
    List<String> segments() {
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    }

    /** The first value of query parameter {@code name}, or null. */
    String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The first value of form field {@code name}, or null. */
    String field(String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The value of cookie {@code name}, or null. */
    String cookie(String name) {
        return cookies.get(name);
    }

    /** {@code text} as a positive number, or -1 when it is not one. */
    static long positive(String text) {
        if (text == null || text.isEmpty() || text.length() > 19) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return -1;
            }
        }
        try {
            long value = Long.parseLong(text);
            return value > 0 ? value : -1;
        } catch (NumberFormatException e) { // 19 digits above Long.MAX_VALUE
            return -1;
        }
    }
}
