package io.zprof.core.internal.engine;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;

/** Reads the settings of the built-in rule types, failing with the full key and the value. */
final class RuleSettings {
    private RuleSettings() {
    }

    static double requiredDouble(ConfigProperties s, String key) {
        String v = s.get(key);
        if (v == null || v.isBlank()) {
            throw new ConfigurationException(s.fullKey(key), "''", "required");
        }
        double d = s.getDouble(key, 0);
        if (!Double.isFinite(d)) {
            throw new ConfigurationException(s.fullKey(key), v, "must be a finite number");
        }
        return d;
    }

    static int requiredInt(ConfigProperties s, String key, int min, int max) {
        String v = s.get(key);
        if (v == null || v.isBlank()) {
            throw new ConfigurationException(s.fullKey(key), "''", "required");
        }
        int i = s.getInt(key, 0);
        if (i < min || i > max) {
            throw new ConfigurationException(s.fullKey(key), v, "must be between " + min + " and " + max);
        }
        return i;
    }
}
