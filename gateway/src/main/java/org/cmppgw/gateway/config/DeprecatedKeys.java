package org.cmppgw.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Keys that moved, still read at their old place so existing files keep working: {@code providers[].serviceId} is now
 * {@code providers[].submit.serviceId} (config/gateway.yaml). The tree is rewritten after the overrides and before the
 * defaults, so a file, a {@code --set} or a {@code CMPPGW_PROVIDERS_0_SERVICEID} variable may use either name; both
 * at once is an error rather than a silent choice.
 */
final class DeprecatedKeys {
    /** The old key in a {@code providers} element. */
    static final String PROVIDER_SERVICE_ID = "serviceId";
    static final String SUBMIT = "submit";

    private DeprecatedKeys() {
    }

    /** Rewrites the whole file's tree. */
    static void apply(ObjectNode root) {
        if (root.get("providers") instanceof ArrayNode providers) {
            for (int i = 0; i < providers.size(); i++) {
                if (providers.get(i) instanceof ObjectNode provider) {
                    moveServiceId(provider, "providers[" + i + "]");
                }
            }
        }
    }

    /** Rewrites one {@code providers} element; {@code path} names it in an error. */
    static void moveServiceId(ObjectNode provider, String path) {
        JsonNode old = provider.remove(PROVIDER_SERVICE_ID);
        if (old == null || old.isNull()) {
            return;
        }
        JsonNode submit = provider.get(SUBMIT);
        if (submit == null || submit.isNull()) {
            submit = provider.putObject(SUBMIT);
        }
        if (!(submit instanceof ObjectNode block)) {
            // binding reports the wrong type of submit; the old key is not what is wrong
            return;
        }
        JsonNode current = block.get(PROVIDER_SERVICE_ID);
        if (current != null && !current.isNull() && !current.equals(old)) {
            String at = path.isEmpty() ? "" : path + ".";
            throw new ConfigException(at + PROVIDER_SERVICE_ID + ": " + old + " (expected: only " + at + SUBMIT + "."
                + PROVIDER_SERVICE_ID + ", which is " + current + "; serviceId directly under a provider is the "
                + "deprecated name of submit.serviceId)");
        }
        block.set(PROVIDER_SERVICE_ID, old);
    }
}
