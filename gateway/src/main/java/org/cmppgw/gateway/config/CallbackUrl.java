package org.cmppgw.gateway.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * One of an app's registered callback URLs (JSMS: up to 5 per app, one of them the default). A request's
 * {@code callback_url} must be one of these.
 *
 * @param url       absolute http or https URL
 * @param isDefault {@code default: true} marks the URL used when a request names none
 */
public record CallbackUrl(String url, @JsonProperty("default") boolean isDefault) {
    public CallbackUrl {
        ConfigChecks.text("url", url);
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) || uri.getHost() == null) {
                throw new IllegalArgumentException("url: \"" + url + "\" (expected: an absolute http or https URL)");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url: \"" + url + "\" (expected: an absolute http or https URL)", e);
        }
    }
}
