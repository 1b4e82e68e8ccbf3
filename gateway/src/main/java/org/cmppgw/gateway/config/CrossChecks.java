package org.cmppgw.gateway.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Checks that span sections of {@link GatewayConfig}; every message carries the full path from the file's root. */
final class CrossChecks {
    private CrossChecks() {
    }

    static void verify(ServerConfig server, List<AppConfig> apps, List<SignatureConfig> signatures,
                       List<TemplateConfig> templates, List<ProviderConfig> providers, RoutingConfig routing,
                       SimulatorConfig simulator) {
        if (apps.isEmpty()) {
            throw new IllegalArgumentException("apps: [] (expected: at least one app)");
        }
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("providers: [] (expected: at least one provider)");
        }
        unique("apps", "appKey", apps, AppConfig::appKey);
        unique("signatures", "id", signatures, SignatureConfig::id);
        unique("templates", "id", templates, TemplateConfig::id);
        unique("providers", "name", providers, ProviderConfig::name);
        Set<Integer> signIds = signatures.stream().map(SignatureConfig::id).collect(Collectors.toSet());
        for (int i = 0; i < apps.size(); i++) {
            int signId = apps.get(i).defaultSignId();
            if (signId != 0 && !signIds.contains(signId)) {
                throw new IllegalArgumentException("apps[" + i + "].defaultSignId: " + signId
                    + " (expected: 0 or one of the signatures' ids " + sorted(signIds) + ")");
            }
        }
        checkExtensions(apps, providers);
        checkRouting(routing, providers, apps);
        checkSubmitOverrides(routing, templates, providers);
        if (simulator.embedded() && simulator.port() != 0
            && (simulator.port() == server.port() || simulator.port() == server.managementPort())) {
            throw new IllegalArgumentException("simulator.port: " + simulator.port()
                + " (expected: a port other than server.port and server.managementPort)");
        }
    }

    /** Unique per app, and every provider's Src_Id (access number + extension) within its 21 octets. */
    private static void checkExtensions(List<AppConfig> apps, List<ProviderConfig> providers) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < apps.size(); i++) {
            String extension = apps.get(i).extension();
            if (extension.isEmpty()) {
                continue;
            }
            Integer first = seen.putIfAbsent(extension, i);
            if (first != null) {
                throw new IllegalArgumentException("apps[" + i + "].extension: \"" + extension
                    + "\" (expected: unique; apps[" + first + "] has it too)");
            }
            for (int p = 0; p < providers.size(); p++) {
                String accessNumber = providers.get(p).accessNumber();
                if (accessNumber.length() + extension.length() > ProviderConfig.ACCESS_NUMBER_LENGTH) {
                    throw new IllegalArgumentException("apps[" + i + "].extension: \"" + extension
                        + "\" (expected: at most " + (ProviderConfig.ACCESS_NUMBER_LENGTH - accessNumber.length())
                        + " digits, so that providers[" + p + "].accessNumber \"" + accessNumber + "\" + extension "
                        + "fits the " + ProviderConfig.ACCESS_NUMBER_LENGTH + " octets of Src_Id)");
                }
            }
        }
    }

    private static void checkRouting(RoutingConfig routing, List<ProviderConfig> providers, List<AppConfig> apps) {
        Set<String> names = providers.stream().map(ProviderConfig::name).collect(Collectors.toSet());
        Set<String> appKeys = apps.stream().map(AppConfig::appKey).collect(Collectors.toSet());
        provider("routing.defaultProvider", routing.defaultProvider(), names, true);
        provider("routing.defaultBackup", routing.defaultBackup(), names, true);
        for (int i = 0; i < routing.rules().size(); i++) {
            RouteRule rule = routing.rules().get(i);
            String path = "routing.rules[" + i + "]";
            provider(path + ".provider", rule.provider(), names, false);
            provider(path + ".backup", rule.backup(), names, true);
            for (int j = 0; j < rule.apps().size(); j++) {
                if (!appKeys.contains(rule.apps().get(j))) {
                    throw new IllegalArgumentException(path + ".apps[" + j + "]: \"" + rule.apps().get(j)
                        + "\" (expected: one of the apps' keys " + sorted(appKeys) + ")");
                }
            }
        }
    }

    /**
     * A route's {@code submit} block against the version of its provider and backup, a template's against every
     * provider's (any of them may send it): a key that does not fit a version is named with the provider.
     */
    private static void checkSubmitOverrides(RoutingConfig routing, List<TemplateConfig> templates,
                                             List<ProviderConfig> providers) {
        for (ProviderConfig provider : providers) {
            for (int i = 0; i < routing.rules().size(); i++) {
                RouteRule rule = routing.rules().get(i);
                if (rule.sendsOn(provider.name())) {
                    rule.submit().fitVersion("routing.rules[" + i + "].submit", provider.version(), provider.name());
                }
            }
            for (int i = 0; i < templates.size(); i++) {
                templates.get(i).submit().fitVersion("templates[" + i + "].submit", provider.version(),
                    provider.name());
            }
        }
    }

    private static void provider(String path, String name, Set<String> names, boolean emptyAllowed) {
        if (name.isEmpty() && emptyAllowed || names.contains(name)) {
            return;
        }
        throw new IllegalArgumentException(
            path + ": \"" + name + "\" (expected: one of the providers' names " + sorted(names) + ")");
    }

    private static <T, K> void unique(String list, String key, List<T> items, Function<T, K> id) {
        Map<K, Integer> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            K k = id.apply(items.get(i));
            Integer first = seen.putIfAbsent(k, i);
            if (first != null) {
                String shown = k instanceof String ? "\"" + k + "\"" : String.valueOf(k);
                throw new IllegalArgumentException(list + "[" + i + "]." + key + ": " + shown
                    + " (expected: unique; " + list + "[" + first + "] has it too)");
            }
        }
    }

    private static <T extends Comparable<T>> List<T> sorted(Set<T> values) {
        return values.stream().sorted().collect(Collectors.toList());
    }

    /** Operator names are unique: a login must name one operator. */
    static void uniqueEmailProviders(List<EmailProviderConfig> providers) {
        unique("emailProviders", "name", providers, EmailProviderConfig::name);
    }

    static void uniqueOperators(List<OperatorConfig> operators) {
        unique("operators", "name", operators, OperatorConfig::name);
    }

    /**
     * History covers the longest admission window: the rules count the messages in the message table
     * (docs/api.md "Admission rules"), so a message purged while it is inside a window would stop counting.
     */
    static void retentionCoversAdmission(HistoryConfig history, AdmissionConfig admission) {
        Duration horizon = admission.horizon();
        if (horizon.compareTo(history.retention()) > 0) {
            throw new IllegalArgumentException("history.retentionDays: " + history.retentionDays()
                + " (expected: at least the longest admission window, " + Durations.format(horizon) + ")");
        }
    }

    /**
     * History outlives every callback: a message removed while its SMS_REPORT callback is still being retried would
     * leave the retry nothing to send (docs/operations.md "History and expiry").
     */
    static void retentionOutlivesCallbacks(HistoryConfig history, CallbackConfig callbacks) {
        Duration retries = Duration.ZERO;
        for (Duration wait : callbacks.retrySchedule()) {
            retries = retries.plus(wait);
        }
        if (retries.compareTo(history.retention()) >= 0) {
            throw new IllegalArgumentException("history.retentionDays: " + history.retentionDays()
                + " (expected: longer than callbacks.retrySchedule, which adds up to " + Durations.format(retries)
                + ")");
        }
    }
}
