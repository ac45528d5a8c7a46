package io.zprof.api.spi;

import io.zprof.api.config.ZprofConfig;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Base of every provider: a stateless factory with a name and a priority.
 *
 * @param <T> the port type it creates
 */
public interface ComponentProvider<T> {
    /** Priority of platform-specific providers that read the kernel directly (cgroup). */
    int PRIORITY_PLATFORM = 100;
    /** Priority of portable providers (OSHI). */
    int PRIORITY_PORTABLE = 50;
    /** Priority of the JDK-only fallbacks in zprof-core. */
    int PRIORITY_FALLBACK = -100;

    /** @return one lowercase word, unique per provider type ({@code cgroup}, {@code oshi}, {@code jvm}, {@code http}) */
    String name();

    /** @return higher wins among available candidates for the same metric or dump kind */
    default int priority() {
        return 0;
    }

    /**
     * The settings this provider reads under {@code zprof.<role>.<name>.}, relative to that prefix ({@code url},
     * {@code token}); an entry ending in a dot stands for every key under it ({@code headers.}). The engine refuses
     * any other key under the prefix, naming the key and never its value (which may be a secret), so a mistyped
     * setting ({@code zprof.reporter.http.tokn}) is not silently ignored.
     *
     * @return the settings, or empty when the provider does not declare them, and then its keys are not checked
     *         (the default, so providers written before this method existed keep working)
     */
    default Optional<Set<String>> settingKeys() {
        return Optional.empty();
    }

    /**
     * The engine settings (parts of the typed configuration) the component this provider creates reads. When an
     * update leaves them equal ({@code equals}) and leaves this provider's own settings ({@code zprof.<role>.<name>.*})
     * unchanged, and the provider serves the same metrics or dump kinds, the engine keeps the component it has
     * instead of creating a new one: a dumper keeps its recordings, a reporter its connection and queue.
     *
     * <p>The default is every section a component could read: resource, dump, report, profiling, shrink and
     * labels, so a provider that does not override this is rebuilt when any of them changes (never for a rule's
     * threshold). Override it with exactly what {@link #create} reads, for example
     * {@code return config.resource();}. The engine looks at components only when one of those sections, the
     * provider selection or an adapter's own settings changed: a change of the interval, the window or a rule alone
     * keeps every component whatever this returns.
     *
     * @param config a configuration
     * @return values with a meaningful {@code equals}: records, strings, numbers, lists of them
     */
    default Object engineSettingsRead(ZprofConfig config) {
        return List.of(config.resource(), config.dump(), config.report(), config.profiling(),
                config.shrink(), config.labels());
    }

    /**
     * The rule {@link #settingKeys()} entries follow, for the engine and for tests.
     *
     * @param settingKeys what a provider declares
     * @param setting     a setting relative to its prefix ({@code url}, {@code headers.X-Team})
     * @return whether an entry names the setting, or ends in a dot and is a prefix of it
     */
    static boolean declares(Set<String> settingKeys, String setting) {
        if (settingKeys.contains(setting)) {
            return true;
        }
        for (String k : settingKeys) {
            if (k.endsWith(".") && setting.startsWith(k) && setting.length() > k.length()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Cheap check that must not throw.
     *
     * @param context configuration and environment
     * @return whether this provider can work here, with a reason when not
     */
    default Availability availability(ProviderContext context) {
        return Availability.ok();
    }

    /**
     * Checks this provider's own settings without creating anything, so that a configuration given while the engine
     * is stopped is rejected when it is given, not at the next start. Must not start threads, open files or connect.
     * The default checks nothing; a provider with settings parses them here exactly as {@link #create} does.
     *
     * @param context configuration and scoped properties
     * @throws io.zprof.api.config.ConfigurationException when its configuration is invalid (naming the key)
     */
    default void validate(ProviderContext context) {
    }

    /**
     * @param context configuration, scoped properties and an engine thread factory
     * @return a new component
     * @throws io.zprof.api.config.ConfigurationException when its configuration is invalid (naming the key)
     */
    T create(ProviderContext context);
}
