package org.cmppgw.gateway.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The shape of the configuration, read from the records themselves, for names that lost their case: environment
 * variables. {@link #resolve} turns the lower-case words of {@code CMPPGW_SERVER_MANAGEMENT_PORT} (or
 * {@code CMPPGW_SERVER_MANAGEMENTPORT}) into {@code server.managementPort}: a key matches one word or several
 * consecutive words joined, ignoring case; a number word is a list index.
 */
final class ConfigSchema {
    private ConfigSchema() {
    }

    /** The canonical path the words name, or null when they name no configuration key. */
    static ConfigPath resolve(Class<?> root, List<String> words) {
        return resolve(root, words, 0, ConfigPath.ROOT);
    }

    private static ConfigPath resolve(Type type, List<String> words, int from, ConfigPath path) {
        if (from == words.size()) {
            return path;
        }
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            String word = words.get(from);
            if (word.isEmpty() || word.length() > 6 || !word.chars().allMatch(Character::isDigit)) {
                return null;
            }
            return resolve(list.getActualTypeArguments()[0], words, from + 1, path.child(Integer.parseInt(word)));
        }
        if (!(type instanceof Class<?> cls) || !cls.isRecord()) {
            return null;
        }
        for (RecordComponent component : cls.getRecordComponents()) {
            String key = keyOf(component);
            StringBuilder joined = new StringBuilder();
            for (int end = from; end < words.size() && joined.length() < key.length(); end++) {
                joined.append(words.get(end));
                if (joined.toString().equals(key.toLowerCase(Locale.ROOT))) {
                    ConfigPath found = resolve(component.getGenericType(), words, end + 1, path.child(key));
                    if (found != null) {
                        return found;
                    }
                }
            }
        }
        if (cls == ProviderConfig.class && String.join("", words.subList(from, words.size()))
            .equals(DeprecatedKeys.PROVIDER_SERVICE_ID.toLowerCase(Locale.ROOT))) {
            // the deprecated name of submit.serviceId, moved by DeprecatedKeys once every override is in
            return path.child(DeprecatedKeys.PROVIDER_SERVICE_ID);
        }
        return null;
    }

    private static String keyOf(RecordComponent component) {
        JsonProperty property = component.getAnnotation(JsonProperty.class);
        return property != null && !property.value().isEmpty() ? property.value() : component.getName();
    }

    /** Splits {@code SERVER_MANAGEMENT_PORT} into lower-case words. */
    static List<String> words(String name) {
        List<String> out = new ArrayList<>();
        for (String w : name.split("_", -1)) {
            out.add(w.toLowerCase(Locale.ROOT));
        }
        return out;
    }
}
