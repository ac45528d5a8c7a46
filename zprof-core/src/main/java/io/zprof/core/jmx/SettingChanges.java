package io.zprof.core.jmx;

import io.zprof.api.config.ConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Settings changed at run time (JMX, the agent's {@code update} and a second attach): parsed from {@code key=value}
 * text and laid over the settings in force. A key with an empty value is removed.
 */
public final class SettingChanges {
    private SettingChanges() {
    }

    /**
     * @param text {@code key=value} lines (properties-file format); a key without {@code zprof.} gets it
     * @return the changes, in key order; an empty value marks a removal
     * @throws ConfigurationException when the text is not in properties format
     */
    public static Map<String, String> parse(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text == null ? "" : text));
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigurationException("update", "expected key=value lines: " + e.getMessage());
        }
        Map<String, String> out = new TreeMap<>();
        for (String k : p.stringPropertyNames()) {
            out.put(qualified(k.trim()), p.getProperty(k).trim());
        }
        return out;
    }

    /**
     * @param key a setting's key, with or without {@code zprof.}
     * @return the full key
     */
    public static String qualified(String key) {
        return key.startsWith("zprof.") ? key : "zprof." + key;
    }

    /**
     * @param base    settings in force
     * @param changes changes; an empty value removes the key
     * @return a new map: {@code base} with the changes
     */
    public static Map<String, String> applyTo(Map<String, String> base, Map<String, String> changes) {
        Map<String, String> out = new TreeMap<>(base);
        changes.forEach((k, v) -> {
            if (v.isEmpty()) {
                out.remove(k);
            } else {
                out.put(k, v);
            }
        });
        return out;
    }
}
