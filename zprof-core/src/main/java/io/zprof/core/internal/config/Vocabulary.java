package io.zprof.core.internal.config;

import io.zprof.api.model.DumpKind;
import io.zprof.api.model.Metric;
import io.zprof.api.spi.CollectorProvider;
import io.zprof.api.spi.DumperProvider;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Looks metrics and dump kinds up by key for the configuration. A third party declares its own in its provider
 * class, so a key not known yet may only need that class loaded: the providers on the class path are then loaded
 * once (as the engine would load them) and the key is looked up again.
 */
final class Vocabulary {
    private static volatile boolean providersLoaded;

    private Vocabulary() {
    }

    /** @param key a metric key @return the metric, after loading the providers if needed */
    static Optional<Metric> metric(String key) {
        return lookUp(key, Metric::of);
    }

    /** @param key a dump kind's key @return the kind, after loading the providers if needed */
    static Optional<DumpKind> dumpKind(String key) {
        return lookUp(key, DumpKind::of);
    }

    private static <T> Optional<T> lookUp(String key, Function<String, Optional<T>> of) {
        Optional<T> found = of.apply(key);
        if (found.isEmpty() && !providersLoaded) {
            loadProviders();
            found = of.apply(key);
        }
        return found;
    }

    private static synchronized void loadProviders() {
        if (providersLoaded) {
            return;
        }
        ClassLoader cl = Vocabulary.class.getClassLoader();
        touch(ServiceLoader.load(CollectorProvider.class, cl), CollectorProvider::metrics);
        touch(ServiceLoader.load(DumperProvider.class, cl), DumperProvider::kinds);
        providersLoaded = true;
    }

    /** Instantiates each provider and reads its declarations, which registers them; a broken one is skipped. */
    private static <P> void touch(ServiceLoader<P> loader, Function<P, ?> declarations) {
        var it = loader.iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    return;
                }
                declarations.apply(it.next());
            } catch (RuntimeException | java.util.ServiceConfigurationError | LinkageError e) {
                // the engine reports a broken provider when it loads them; here it only declares nothing
            }
        }
    }
}
