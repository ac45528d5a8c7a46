package io.zprof.core.internal.config;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;
import io.zprof.api.model.DumpKind;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One setting's raw value with its key, parsed on demand through {@link ConfigProperties}'s typed getters; every
 * failure names the full key and the value. Those getters read a blank value as absent and would return the
 * fallback (0, false), silently turning {@code ZPROF_CPU_ABS=} into "abs off"; a scalar setting that is present must
 * therefore not be blank.
 *
 * @param props the properties, relative to {@code zprof.}
 * @param key   the setting's key, relative to them
 */
record SettingValue(ConfigProperties props, String key) {
    /** @return the trimmed text */
    String string() {
        return present();
    }

    /** @return the value as a number */
    double dbl() {
        present();
        return props.getDouble(key, 0);
    }

    /** @return the value as an integer */
    int integer() {
        present();
        return props.getInt(key, 0);
    }

    /** @return the value as a size in bytes ({@code 512MiB}) */
    long bytes() {
        present();
        return props.getBytes(key, 0);
    }

    /** @return the value as a boolean */
    boolean bool() {
        present();
        return props.getBoolean(key, false);
    }

    /** @return the value as a duration ({@code 5s}) */
    Duration duration() {
        present();
        return props.getDuration(key, Duration.ZERO);
    }

    /** @return the comma-separated items, trimmed, empty ones left out */
    List<String> list() {
        return props.getList(key);
    }

    /** @return the full key, {@code zprof.} included */
    String full() {
        return props.fullKey(key);
    }

    /** @return the value as a path */
    Path path() {
        String s = props.get(key);
        if (s == null || s.isBlank()) {
            throw new ConfigurationException(full(), "''", "must not be empty");
        }
        try {
            return Path.of(s.trim());
        } catch (InvalidPathException e) {
            throw new ConfigurationException(full(), s, "not a valid path: " + e.getReason());
        }
    }

    /** @param type the enum @param <E> its type @return the constant named by the value, in any case */
    <E extends Enum<E>> E enumValue(Class<E> type) {
        String s = string().toUpperCase(Locale.ROOT);
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(s)) {
                return e;
            }
            names.add(e.name().toLowerCase(Locale.ROOT));
        }
        throw new ConfigurationException(full(), string(), "must be one of " + names);
    }

    /** @return the dump kinds the comma-separated keys name */
    List<DumpKind> dumpKinds() {
        List<DumpKind> out = new ArrayList<>();
        for (String s : list()) {
            out.add(Vocabulary.dumpKind(s).orElseThrow(
                    () -> new ConfigurationException(full(), string(), "unknown dump kind '" + s + "'")));
        }
        return out;
    }

    /** @return the reporter names, none for {@code none} */
    List<String> reporterNames() {
        List<String> names = list();
        if (names.contains("none")) {
            if (names.size() > 1) {
                throw new ConfigurationException(full(), string(), "'none' cannot be combined with other reporters");
            }
            return List.of();
        }
        return names;
    }

    private String present() {
        String v = props.get(key);
        if (v == null || v.isBlank()) {
            throw new ConfigurationException(full(), "''", "must not be empty (remove the setting to keep the default)");
        }
        return v.trim();
    }
}
