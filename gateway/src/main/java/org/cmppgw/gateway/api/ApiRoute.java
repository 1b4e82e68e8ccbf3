package org.cmppgw.gateway.api;

/** The API's paths; anything else is 50016 (api not found). Only POST is served on them (50018 otherwise). */
enum ApiRoute {
    SEND_ONE("/v1/messages", "messages"),
    SEND_BATCH("/v1/messages/batch", "messages_batch");

    /** The {@code endpoint} metric label of requests to no known path. */
    static final String OTHER_LABEL = "other";

    private final String path;
    private final String label;

    ApiRoute(String path, String label) {
        this.path = path;
        this.label = label;
    }

    /** The {@code endpoint} metric label. */
    String label() {
        return label;
    }

    /** The route for a request URI (query string and one trailing slash ignored), or null. */
    static ApiRoute find(String uri) {
        int end = uri.indexOf('?');
        if (end < 0) {
            end = uri.length();
        }
        if (end > 1 && uri.charAt(end - 1) == '/') {
            end--;
        }
        for (ApiRoute route : values()) {
            if (route.path.length() == end && uri.startsWith(route.path)) {
                return route;
            }
        }
        return null;
    }
}
