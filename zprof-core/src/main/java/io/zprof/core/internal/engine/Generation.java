package io.zprof.core.internal.engine;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ZprofConfig;
import io.zprof.core.internal.config.ConfigBinder;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One configuration generation: the typed configuration, the flat properties it came from, and (while running)
 * the components built for it. Published through a volatile field, so a cycle never sees a mix of two.
 *
 * @param number     1 for the first configuration, +1 per update
 * @param config     typed configuration
 * @param properties flat properties, for adapters
 * @param components components, or {@code null} while stopped
 */
record Generation(long number, ZprofConfig config, ConfigProperties properties, Components components) {

    /** @return whether {@code other} needs different components than this generation */
    boolean componentsDifferFrom(ZprofConfig other, ConfigProperties otherProps) {
        ZprofConfig c = config;
        return !(Objects.equals(c.resource(), other.resource()) && Objects.equals(c.dump(), other.dump())
                && Objects.equals(c.report(), other.report()) && Objects.equals(c.profiling(), other.profiling())
                && Objects.equals(c.labels(), other.labels()) && Objects.equals(c.providers(), other.providers())
                && Objects.equals(c.shrink(), other.shrink()) && forAdapters(properties).equals(forAdapters(otherProps)));
    }

    /**
     * The properties adapters may read: the engine's own keys are compared through the typed configuration, so a
     * changed threshold does not rebuild the components (which would restart the JFR window and lose its history).
     */
    private static Map<String, String> forAdapters(ConfigProperties props) {
        Map<String, String> out = new TreeMap<>();
        for (String key : props.keys()) {
            if (!ConfigBinder.isBoundByEngine(key)) {
                out.put(key, props.get(key));
            }
        }
        return out;
    }
}
