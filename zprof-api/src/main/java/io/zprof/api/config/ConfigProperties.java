package io.zprof.api.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A read-only view of flat string settings, for what adapters understand and the typed records do not
 * ({@code zprof.reporter.http.url}). Typed getters fail with a {@link ConfigurationException} naming the full key.
 */
public interface ConfigProperties {
    /**
     * @param key a key relative to this view
     * @return the raw value, or {@code null} when absent
     */
    String get(String key);

    /** @return every key of this view (relative), sorted */
    Set<String> keys();

    /**
     * @param key a key relative to this view
     * @return the key as the user wrote it, for messages ({@code zprof.reporter.http.url})
     */
    String fullKey(String key);

    /**
     * @param prefix a prefix of relative keys, usually ending with a dot
     * @return a view of the keys under it, with the prefix removed
     */
    ConfigProperties withPrefix(String prefix);

    /**
     * @param values flat key/value pairs
     * @return a view over a copy of them
     */
    static ConfigProperties of(Map<String, String> values) {
        return new MapConfigProperties("", Collections.unmodifiableMap(new TreeMap<>(values)));
    }

    /** @return an empty view */
    static ConfigProperties empty() {
        return of(Map.of());
    }

    /** @param key relative key @param defaultValue used when absent @return the value or the default */
    default String getString(String key, String defaultValue) {
        String v = get(key);
        return v == null || v.isBlank() ? defaultValue : v.trim();
    }

    /** @param key relative key @param defaultValue used when absent @return the value or the default */
    default int getInt(String key, int defaultValue) {
        String v = get(key);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        long l = ConfigValues.parseLong(fullKey(key), v);
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw new ConfigurationException(fullKey(key), v, "out of range");
        }
        return (int) l;
    }

    /** @param key relative key @param defaultValue used when absent @return the value or the default */
    default long getLong(String key, long defaultValue) {
        String v = get(key);
        return v == null || v.isBlank() ? defaultValue : ConfigValues.parseLong(fullKey(key), v);
    }

    /** @param key relative key @param defaultValue used when absent @return the value or the default */
    default double getDouble(String key, double defaultValue) {
        String v = get(key);
        return v == null || v.isBlank() ? defaultValue : ConfigValues.parseDouble(fullKey(key), v);
    }

    /** @param key relative key @param defaultValue used when absent @return the value or the default */
    default boolean getBoolean(String key, boolean defaultValue) {
        String v = get(key);
        return v == null || v.isBlank() ? defaultValue : ConfigValues.parseBoolean(fullKey(key), v);
    }

    /** @param key relative key @param defaultValue used when absent @return the value or the default */
    default Duration getDuration(String key, Duration defaultValue) {
        String v = get(key);
        return v == null || v.isBlank() ? defaultValue : ConfigValues.parseDuration(fullKey(key), v);
    }

    /**
     * Runs {@code build}, which reads this view's durations; a {@link ConfigurationException} that shows one of them
     * the way {@link ConfigValues#formatDuration} writes it ({@code 5ms} for a typed {@code 0.005s}) is re-thrown
     * showing the value as the user typed it, with the same key and problem.
     *
     * @param build reads settings of this view and validates them
     * @param <T>   what it builds
     * @return what {@code build} returns
     */
    default <T> T echoingTypedDurations(java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (ConfigurationException e) {
            List<ConfigurationException> shown = new ArrayList<>();
            for (ConfigurationException problem : e.problems()) {
                shown.add(showingTypedDuration(problem));
            }
            if (shown.equals(e.problems())) {
                throw e;
            }
            ConfigurationException all = shown.size() == 1 ? shown.get(0) : new ConfigurationException(shown);
            all.setStackTrace(e.getStackTrace());
            throw all;
        }
    }

    private ConfigurationException showingTypedDuration(ConfigurationException problem) {
        for (String k : keys()) {
            if (fullKey(k).equals(problem.key()) && get(k) != null) {
                return ConfigValues.showingTypedDuration(problem, get(k));
            }
        }
        return problem;
    }

    /** @param key relative key @param defaultValue used when absent @return the size in bytes or the default */
    default long getBytes(String key, long defaultValue) {
        String v = get(key);
        return v == null || v.isBlank() ? defaultValue : ConfigValues.parseBytes(fullKey(key), v);
    }

    /**
     * @param key relative key of a comma-separated list
     * @return the trimmed non-empty items, in order; empty when absent
     */
    default List<String> getList(String key) {
        String v = get(key);
        List<String> out = new ArrayList<>();
        if (v != null) {
            for (String s : v.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * Reads a map either from {@code key.<name>=value} entries or from {@code key=a=1,b=2}.
     *
     * @param key relative key
     * @return the entries, in key order
     */
    default Map<String, String> getMap(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        String inline = get(key);
        if (inline != null && !inline.isBlank()) {
            for (String pair : inline.split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new ConfigurationException(fullKey(key), inline, "expected name=value pairs separated by commas");
                }
                out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        ConfigProperties sub = withPrefix(key + ".");
        for (String k : sub.keys()) {
            out.put(k, sub.get(k));
        }
        return Collections.unmodifiableMap(out);
    }
}
