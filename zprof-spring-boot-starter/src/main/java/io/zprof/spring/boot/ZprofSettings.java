package io.zprof.spring.boot;

import io.zprof.api.config.ConfigProperties;
import io.zprof.core.Zprof;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The flat {@code zprof.*} settings in force: those read from the Spring Environment at start-up, then each change
 * the Actuator endpoint applied. An update is all or nothing: the core checks the merged settings, and they are
 * kept only once it accepted them.
 */
public final class ZprofSettings {
    private Map<String, String> current;

    /** @param initial the settings zprof was created with */
    public ZprofSettings(Map<String, String> initial) {
        this.current = Map.copyOf(initial);
    }

    /** @return the settings in force, as flat properties */
    public synchronized ConfigProperties properties() {
        return ConfigProperties.of(current);
    }

    /**
     * Applies changes to a running engine: each entry sets a key, a {@code null} value removes it (back to its
     * default).
     *
     * @param zprof   the engine
     * @param changes full keys ({@code zprof.cpu.abs}) and their new values
     * @throws io.zprof.api.config.ConfigurationException naming the bad key and value; nothing changed
     * @throws IllegalArgumentException when a key is not under {@code zprof.}
     */
    public synchronized void update(Zprof zprof, Map<String, String> changes) {
        Map<String, String> next = new TreeMap<>(current);
        changes.forEach((k, v) -> {
            Objects.requireNonNull(k, "key");
            if (!k.startsWith("zprof.")) {
                throw new IllegalArgumentException(k + ": not a zprof setting (keys start with zprof.)");
            }
            if (v == null) {
                next.remove(k);
            } else {
                next.put(k, v);
            }
        });
        zprof.update(ConfigProperties.of(next));
        current = Map.copyOf(next);
    }
}
