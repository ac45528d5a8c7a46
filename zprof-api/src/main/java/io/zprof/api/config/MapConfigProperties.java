package io.zprof.api.config;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@link ConfigProperties} over a map. {@code toString()} lists keys with secret values hidden.
 *
 * @param prefix the prefix this view adds to every key it is asked for
 * @param values all values, keyed by full key
 */
public record MapConfigProperties(String prefix, Map<String, String> values) implements ConfigProperties {
    /** Validates the components. */
    public MapConfigProperties {
        prefix = prefix == null ? "" : prefix;
        values = Map.copyOf(values);
    }

    @Override
    public String get(String key) {
        return values.get(prefix + key);
    }

    @Override
    public Set<String> keys() {
        Set<String> out = new TreeSet<>();
        for (String k : values.keySet()) {
            if (k.startsWith(prefix)) {
                out.add(k.substring(prefix.length()));
            }
        }
        return out;
    }

    @Override
    public String fullKey(String key) {
        return prefix + key;
    }

    @Override
    public ConfigProperties withPrefix(String p) {
        return new MapConfigProperties(prefix + p, values);
    }

    @Override
    public String toString() {
        return keys().stream().map(k -> fullKey(k) + "=" + ConfigValues.redact(fullKey(k), get(k)))
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
