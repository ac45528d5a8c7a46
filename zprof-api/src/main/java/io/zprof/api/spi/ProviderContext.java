package io.zprof.api.spi;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ZprofConfig;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadFactory;

/** What a provider sees when it checks availability or creates its component. */
public interface ProviderContext {
    /**
     * The thread group of every thread zprof's engine runs (sampler, scheduler, captures, reporters, and those from
     * {@link #threadFactory}); with {@link #THREAD_NAME_PREFIX} it tells a dumper which threads to leave out of
     * the profiles it writes.
     */
    String THREAD_GROUP = "zprof";

    /** The start of the name of every thread zprof's engine runs. */
    String THREAD_NAME_PREFIX = "zprof-";

    /** @return the validated typed configuration in force */
    ZprofConfig config();

    /** @return every flat property ({@code zprof.*}) the configuration was built from */
    ConfigProperties properties();

    /**
     * @param role {@code collector}, {@code dumper}, {@code reporter} or {@code shrinker}
     * @param name the provider's name
     * @return the properties under {@code zprof.<role>.<name>.}, with that prefix removed
     */
    default ConfigProperties scoped(String role, String name) {
        return properties().withPrefix("zprof." + role + "." + name + ".");
    }

    /**
     * The keys (metric or dump kind keys) the engine selected this provider to serve, when it creates the component.
     * A provider declaring several kinds leaves out the background work of those another provider won: the JFR
     * dumper starts no pre-trigger window when another dumper serves {@code window}.
     *
     * @return the selected keys while {@code create} runs; empty where unknown (availability checks, validation, a
     *         context made by hand), and then every declared key is to be served
     */
    default Optional<Set<String>> selectedKeys() {
        return Optional.empty();
    }

    /**
     * Components that need a thread must take it from here: only the engine names and owns threads.
     *
     * @param purpose a short word for the thread name ({@code zprof-<purpose>-N})
     * @return a factory of daemon threads
     */
    ThreadFactory threadFactory(String purpose);
}
