package io.zprof.core.internal.engine;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ZprofConfig;
import java.util.Objects;

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
                && Objects.equals(c.shrink(), other.shrink()) && Objects.equals(properties, otherProps));
    }
}
