package org.cmppgw.gateway.api;

import io.netty.handler.codec.http.HttpMethod;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Finds the route of a request (docs/api.md): the query string and one trailing slash are ignored; the path is
 * matched segment by segment, a literal segment before a {@code {name}} parameter (so {@code /v1/sign/batch} would
 * win over {@code /v1/sign/{sign_id}}); the most specific path that matches decides, and only then the method. No
 * path matches: 50016. The path matches but not with this method: 50018, with the path's methods for {@code Allow}.
 * Literal segments compare as sent; parameters are percent-decoded ({@code +} stays {@code +}) and never empty.
 * Immutable once built, shared by every event loop.
 */
final class ApiRouter {
    /** What {@link #match} found. */
    sealed interface Match permits Found, NotFound, WrongMethod {
    }

    /**
     * A route and its path parameters.
     *
     * @param route  the route
     * @param params parameter name to decoded value
     */
    record Found(ApiRoute route, Map<String, String> params) implements Match {
    }

    /** No route has this path (50016). */
    record NotFound() implements Match {
    }

    /**
     * The path is known, the method is not served there (50018).
     *
     * @param label the metric label of the path's first route
     * @param allow the path's methods, for the {@code Allow} header
     */
    record WrongMethod(String label, String allow) implements Match {
    }

    private static final NotFound NOT_FOUND = new NotFound();

    /** A path position: the routes whose template ends here by method, and the ways on. */
    private static final class Node {
        final Map<String, Node> literals = new HashMap<>();
        Node param;
        final Map<HttpMethod, ApiRoute> routes = new LinkedHashMap<>();
        /** Per method: the parameter name at each segment (null for a literal); null when the route has none. */
        final Map<HttpMethod, String[]> paramNames = new HashMap<>();
        String allow;
    }

    private final Node root = new Node();

    /**
     * @throws IllegalArgumentException when two routes have the same method and the same path shape
     */
    ApiRouter(List<ApiRoute> routes) {
        for (ApiRoute route : routes) {
            Node node = root;
            List<String> segments = ApiRoute.segments(route.template());
            String[] names = null;
            for (int i = 0; i < segments.size(); i++) {
                String segment = segments.get(i);
                if (ApiRoute.isParam(segment)) {
                    if (node.param == null) {
                        node.param = new Node();
                    }
                    node = node.param;
                    names = names == null ? new String[segments.size()] : names;
                    names[i] = ApiRoute.paramName(segment);
                } else {
                    node = node.literals.computeIfAbsent(segment, s -> new Node());
                }
            }
            if (node.routes.putIfAbsent(route.method(), route) != null) {
                throw new IllegalArgumentException("routes: " + route.method() + " " + route.template()
                    + " (expected: one route per method and path, already " + node.routes.get(route.method())
                    .template() + ")");
            }
            node.paramNames.put(route.method(), names);
            StringJoiner allow = new StringJoiner(", ");
            node.routes.keySet().forEach(method -> allow.add(method.name()));
            node.allow = allow.toString();
        }
    }

    Match match(HttpMethod method, String uri) {
        String[] segments = segments(uri);
        Node node = segments == null ? null : find(root, segments, 0);
        if (node == null) {
            return NOT_FOUND;
        }
        ApiRoute route = node.routes.get(method);
        if (route == null) {
            return new WrongMethod(node.routes.values().iterator().next().label(), node.allow);
        }
        Map<String, String> params = params(node.paramNames.get(method), segments);
        return params == null ? NOT_FOUND : new Found(route, params);
    }

    /** The {@code endpoint} metric label of a request. */
    String label(HttpMethod method, String uri) {
        return label(match(method, uri));
    }

    /** The {@code endpoint} metric label of what {@link #match} found: the route's, never a parameter's value. */
    static String label(Match match) {
        if (match instanceof Found found) {
            return found.route().label();
        }
        return match instanceof WrongMethod wrong ? wrong.label() : ApiRoute.OTHER_LABEL;
    }

    /** The raw path segments of a URI, query and one trailing slash removed; null when it is not a path. */
    private static String[] segments(String uri) {
        int end = uri.indexOf('?');
        if (end < 0) {
            end = uri.length();
        }
        if (end > 1 && uri.charAt(end - 1) == '/') {
            end--;
        }
        if (end < 2 || uri.charAt(0) != '/') {
            return null;
        }
        return uri.substring(1, end).split("/", -1);
    }

    /** The deepest-literal node where a route ends for these segments, or null. */
    private static Node find(Node node, String[] segments, int i) {
        if (i == segments.length) {
            return node.routes.isEmpty() ? null : node;
        }
        Node literal = node.literals.get(segments[i]);
        if (literal != null) {
            Node found = find(literal, segments, i + 1);
            if (found != null) {
                return found;
            }
        }
        return node.param == null || segments[i].isEmpty() ? null : find(node.param, segments, i + 1);
    }

    /** The decoded parameters named by {@code names}, or null when one is not validly encoded. */
    private static Map<String, String> params(String[] names, String[] segments) {
        if (names == null) {
            return Map.of();
        }
        Map<String, String> params = new HashMap<>(4);
        for (int i = 0; i < segments.length; i++) {
            if (names[i] == null) {
                continue;
            }
            String value = decode(segments[i]);
            if (value == null) {
                return null;
            }
            params.put(names[i], value);
        }
        return Map.copyOf(params);
    }

    /**
     * A path segment percent-decoded as UTF-8, or null when an escape is malformed or the bytes are not UTF-8.
     * Unlike in a query, {@code +} is itself.
     */
    static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteBuffer bytes = ByteBuffer.allocate(segment.length() * 3);
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c != '%') {
                bytes.put(StandardCharsets.UTF_8.encode(String.valueOf(c)));
                continue;
            }
            int hi = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 1), 16) : -1;
            int lo = hi < 0 ? -1 : Character.digit(segment.charAt(i + 2), 16);
            if (lo < 0) {
                return null;
            }
            bytes.put((byte) (hi << 4 | lo));
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes.flip()).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
