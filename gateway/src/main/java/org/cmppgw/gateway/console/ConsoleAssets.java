package org.cmppgw.gateway.console;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The console's static files, read once from the class path: its style sheet and htmx from the htmx WebJar (so the
 * build needs no Node toolchain). Only these names are served; nothing else of the class path is reachable.
 */
final class ConsoleAssets {
    /** The htmx version of the WebJar in gateway/pom.xml. */
    static final String HTMX_VERSION = "2.0.4";
    private static final String WEBJAR = "META-INF/resources/webjars/htmx.org/" + HTMX_VERSION + "/dist/htmx.min.js";
    /** The Chart.js version of the WebJar in gateway/pom.xml: the statistics page's charts. */
    static final String CHART_JS_VERSION = "4.4.7";
    private static final String CHART_JS = "META-INF/resources/webjars/chart.js/" + CHART_JS_VERSION
        + "/dist/chart.umd.js";

    private final Map<String, ConsoleReply> files;

    ConsoleAssets() {
        this.files = Map.of(
            "console.css", load("org/cmppgw/gateway/console/console.css", "text/css; charset=utf-8"),
            "htmx.min.js", load(WEBJAR, "text/javascript; charset=utf-8"),
            "chart.umd.js", load(CHART_JS, "text/javascript; charset=utf-8"),
            "stats.js", load("org/cmppgw/gateway/console/stats.js", "text/javascript; charset=utf-8"));
    }

    ConsoleReply get(HttpMethod method, String name) {
        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
            return ConsoleReply.text(HttpResponseStatus.METHOD_NOT_ALLOWED, "use GET");
        }
        ConsoleReply file = files.get(name);
        return file != null ? file : ConsoleReply.text(HttpResponseStatus.NOT_FOUND, "not found: " + name);
    }

    private static ConsoleReply load(String resource, String contentType) {
        try (InputStream in = ConsoleAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("console - " + resource + " missing from the class path");
            }
            return new ConsoleReply(HttpResponseStatus.OK, contentType, in.readAllBytes(), null, List.of());
        } catch (IOException e) {
            throw new UncheckedIOException("console - cannot read " + resource, e);
        }
    }
}
