package org.cmppgw.gateway.console;

import io.netty.handler.codec.http.HttpResponseStatus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A console answer before it becomes an HTTP response: a page, a redirect or a short text, with the cookies it sets.
 *
 * @param status      the HTTP status
 * @param contentType the body's type
 * @param body        the body's bytes
 * @param location    where a redirect points, or null
 * @param cookies     {@code Set-Cookie} values
 */
record ConsoleReply(HttpResponseStatus status, String contentType, byte[] body, String location,
                    List<String> cookies) {
    static final String HTML = "text/html; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";

    ConsoleReply {
        cookies = List.copyOf(cookies);
    }

    static ConsoleReply html(HttpResponseStatus status, String page) {
        return new ConsoleReply(status, HTML, page.getBytes(StandardCharsets.UTF_8), null, List.of());
    }

    static ConsoleReply text(HttpResponseStatus status, String text) {
        return new ConsoleReply(status, TEXT, (text + "\n").getBytes(StandardCharsets.UTF_8), null, List.of());
    }

    /** 303 See Other: after a form, the browser GETs {@code location}. */
    static ConsoleReply redirect(String location) {
        return new ConsoleReply(HttpResponseStatus.SEE_OTHER, TEXT, new byte[0], location, List.of());
    }

    ConsoleReply withCookie(String cookie) {
        List<String> all = new ArrayList<>(cookies);
        all.add(cookie);
        return new ConsoleReply(status, contentType, body, location, all);
    }
}
