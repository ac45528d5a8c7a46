package io.zprof.core.internal.engine;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;
import io.zprof.api.spi.CollectorProvider;
import io.zprof.api.spi.ComponentProvider;
import io.zprof.api.spi.DumperProvider;
import io.zprof.api.spi.ReporterProvider;
import io.zprof.api.spi.ShrinkerProvider;
import io.zprof.core.internal.config.ConfigBinder;
import io.zprof.core.internal.discovery.ProviderLoader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the keys under {@code zprof.<role>.<name>.} against the settings the provider named declares
 * ({@link ComponentProvider#settingKeys()}), so a mistyped adapter setting ({@code zprof.reporter.http.tokn}) fails
 * like a mistyped engine key instead of being ignored. The message names the key, never the value: a mistyped key
 * may hold a token. Keys of a provider that is not on the class path cannot be checked (a shared file may configure
 * it for other applications): they get one warning listing them, and fail nothing.
 */
final class AdapterSettingKeys {
    private static final Logger LOG = LoggerFactory.getLogger(AdapterSettingKeys.class);
    private static final Map<String, Class<? extends ComponentProvider<?>>> ROLES = Map.of(
            "collector", CollectorProvider.class, "dumper", DumperProvider.class,
            "reporter", ReporterProvider.class, "shrinker", ShrinkerProvider.class);

    private final ProviderLoader loader;
    /** The keys last warned about, so an update with the same settings does not repeat the warning. */
    private Set<String> warned = Set.of();

    AdapterSettingKeys(ProviderLoader loader) {
        this.loader = loader;
    }

    /**
     * @param props every flat property
     * @throws ConfigurationException naming the first key that a present provider does not read
     */
    synchronized void check(ConfigProperties props) {
        Set<String> absent = new TreeSet<>();
        // each role is loaded once per check, and only when a key of it is set
        Map<String, List<? extends ComponentProvider<?>>> byRole = new HashMap<>();
        for (String key : props.keys()) {
            String[] parts = ConfigBinder.adapterKey(key);
            if (parts == null) {
                continue;
            }
            List<? extends ComponentProvider<?>> named = byRole.computeIfAbsent(parts[0],
                    role -> loader.load(ROLES.get(role), role).loaded()).stream()
                    .filter(p -> p.name().equals(parts[1])).toList();
            if (named.isEmpty()) {
                absent.add(key);
            }
            for (ComponentProvider<?> p : named) {
                Optional<Set<String>> known = p.settingKeys();
                if (known.isPresent() && !ComponentProvider.declares(known.get(), parts[2])) {
                    throw new ConfigurationException(key, key + ": unknown setting of the " + parts[1] + " "
                            + parts[0] + " (known: " + describe(known.get()) + "; the value is not shown)");
                }
            }
        }
        if (!absent.isEmpty() && !absent.equals(warned)) {
            LOG.warn("zprof: settings of providers that are not on the class path are not checked and not used: {}",
                    String.join(", ", absent));
        }
        warned = absent;
    }

    private static String describe(Set<String> known) {
        Set<String> sorted = new TreeSet<>();
        for (String k : known) {
            sorted.add(k.endsWith(".") ? k + "<name>" : k);
        }
        return sorted.isEmpty() ? "none" : String.join(", ", sorted);
    }
}
