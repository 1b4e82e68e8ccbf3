package org.cmppgw.gateway.api;

import io.netty.handler.codec.http.HttpMethod;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One route of the API (docs/api.md): a method, a path template of literal and {@code {name}} segments, the body it
 * takes, the {@code endpoint} metric label of its requests and the endpoint that answers it.
 *
 * @param method   the HTTP method
 * @param template {@code /literal/{name}/...}: segments are never empty, names unique within the template
 * @param body     the body rule
 * @param label    the bounded {@code endpoint} metric label; never a path parameter's value
 * @param endpoint what answers it
 * @param access   who may call it: apps, or operators ({@link #operator})
 */
record ApiRoute(HttpMethod method, String template, BodyRule body, String label, ApiEndpoint endpoint,
                Access access) {
    /** The {@code endpoint} metric label of requests to no known path. */
    static final String OTHER_LABEL = "other";
    /** Where every operator route lives (docs/api.md "Operator API"). */
    static final String OPERATOR_PREFIX = "/operator/";

    /** Whose credentials a route takes. */
    enum Access {
        /** An app's {@code appKey:masterSecret}, its allowed IPs and rate (docs/api.md "Authentication"). */
        APP,
        /** An operator's {@code name:password} from {@code operators} (docs/api.md "Operator API"). */
        OPERATOR,
        /** The account's {@code billing.devKey:billing.devSecret} (docs/api.md "Balances and billing"). */
        ACCOUNT,
        /** Nobody's: what a recipient's browser opens, a tracking link (docs/api.md "Click tracking"). */
        PUBLIC
    }

    /** An app's route. */
    ApiRoute(HttpMethod method, String template, BodyRule body, String label, ApiEndpoint endpoint) {
        this(method, template, body, label, endpoint, Access.APP);
    }

    /**
     * An operator's route: its template must start with {@value #OPERATOR_PREFIX}, so operator and app paths never
     * mix. The endpoint reads the operator's name from {@link ApiRequest#operator()}.
     */
    static ApiRoute operator(HttpMethod method, String template, BodyRule body, String label, ApiEndpoint endpoint) {
        if (template == null || !template.startsWith(OPERATOR_PREFIX)) {
            throw new IllegalArgumentException("template: " + template + " (expected: " + OPERATOR_PREFIX + "...)");
        }
        return new ApiRoute(method, template, body, label, endpoint, Access.OPERATOR);
    }

    /** A route of the account's dev credentials; the endpoint reads the dev key from {@link ApiRequest#operator()}. */
    static ApiRoute account(HttpMethod method, String template, BodyRule body, String label, ApiEndpoint endpoint) {
        return new ApiRoute(method, template, body, label, endpoint, Access.ACCOUNT);
    }

    /**
     * A route anyone may call, without credentials: the endpoint reads nothing of an app
     * ({@link ApiRequest#app()} is null).
     */
    static ApiRoute open(HttpMethod method, String template, String label, ApiEndpoint endpoint) {
        return new ApiRoute(method, template, BodyRule.NONE, label, endpoint, Access.PUBLIC);
    }

    ApiRoute {
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(endpoint, "endpoint");
        if (label == null || label.isBlank() || OTHER_LABEL.equals(label)) {
            throw new IllegalArgumentException("label: " + label + " (expected: not blank, not \"" + OTHER_LABEL
                + "\")");
        }
        segments(template);
    }

    /**
     * The template's segments: a literal as is, a parameter as {@code {name}}.
     *
     * @throws IllegalArgumentException when the template is malformed
     */
    static List<String> segments(String template) {
        if (template == null || template.length() < 2 || template.charAt(0) != '/' || template.endsWith("/")) {
            throw new IllegalArgumentException("template: " + template + " (expected: /segment[/segment...])");
        }
        List<String> segments = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String segment : template.substring(1).split("/", -1)) {
            boolean param = isParam(segment);
            if (segment.isEmpty() || segment.indexOf('?') >= 0 || !param && (segment.indexOf('{') >= 0
                || segment.indexOf('}') >= 0) || param && !names.add(segment)) {
                throw new IllegalArgumentException("template: " + template
                    + " (expected: non-empty segments, a whole segment per {name}, unique names)");
            }
            segments.add(segment);
        }
        return segments;
    }

    static boolean isParam(String segment) {
        return segment.length() > 2 && segment.charAt(0) == '{' && segment.charAt(segment.length() - 1) == '}';
    }

    static String paramName(String segment) {
        return segment.substring(1, segment.length() - 1);
    }
}
