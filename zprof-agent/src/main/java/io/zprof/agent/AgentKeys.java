package io.zprof.agent;

import io.zprof.api.config.ConfigurationException;
import java.util.Set;

/** The settings only the agent reads, under {@code zprof.agent.}; the engine passes them through. */
final class AgentKeys {
    /** Third-party provider jars, comma-separated paths, found through {@code ServiceLoader}. */
    static final String PLUGINS = "zprof.agent.plugins";
    /** {@code error}, {@code warn}, {@code info} (default), {@code debug}, {@code trace}. */
    static final String LOG_LEVEL = "zprof.agent.log.level";
    /** {@code stderr} (default) or {@code file}: {@code zprof-agent.log} in the dump directory. */
    static final String LOG_TARGET = "zprof.agent.log.target";
    /** Settings that need a new attach to change: they shape the class loader and the watched file. */
    static final Set<String> FIXED = Set.of(PLUGINS, "zprof.config.file");

    private static final Set<String> KNOWN = Set.of(PLUGINS, LOG_LEVEL, LOG_TARGET);

    private AgentKeys() {
    }

    /**
     * @param keys full keys of a configuration
     * @throws ConfigurationException naming a {@code zprof.agent.*} key that is none of the agent's
     */
    static void check(Iterable<String> keys) {
        for (String k : keys) {
            if (k.startsWith("zprof.agent.") && !KNOWN.contains(k)) {
                throw new ConfigurationException(k, k + ": unknown setting (known: " + String.join(", ", KNOWN.stream()
                        .sorted().toList()) + "; the value is not shown)");
            }
        }
    }
}
