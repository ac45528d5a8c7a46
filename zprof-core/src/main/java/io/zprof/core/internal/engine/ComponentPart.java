package io.zprof.core.internal.engine;

import io.zprof.api.spi.ComponentProvider;
import io.zprof.api.spi.ProviderContext;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One component a provider created, with what it was created from, shared by every configuration generation that
 * uses it: an update whose settings for it are {@link #servesAgain unchanged} keeps the very instance, and it is
 * closed when the last generation holding it lets it go (a capture of an older generation may still use it).
 *
 * @param <T> the component's type
 */
final class ComponentPart<T> {
    private static final Logger LOG = LoggerFactory.getLogger(ComponentPart.class);

    /**
     * What a component was created from: equal origins make the same component.
     *
     * @param role          {@code collector}, {@code dumper}, {@code shrinker}, {@code reporter}
     * @param provider      the provider's name
     * @param providerClass the provider's class (a same-named provider of another class builds something else)
     * @param keys          the metrics or dump kinds it serves
     * @param engine        the engine settings it reads ({@link ComponentProvider#engineSettingsRead})
     * @param own           its own settings, {@code zprof.<role>.<name>.*} without the prefix
     */
    record Origin(String role, String provider, Class<?> providerClass, Set<String> keys, Object engine,
                  Map<String, String> own) {
        /**
         * @param role     the provider's role
         * @param provider the provider
         * @param keys     the keys it serves in this configuration
         * @param ctx      the configuration
         * @return what its component would be created from
         */
        static Origin of(String role, ComponentProvider<?> provider, Set<String> keys, ProviderContext ctx) {
            Map<String, String> own = new TreeMap<>();
            var scoped = ctx.scoped(role, provider.name());
            for (String k : scoped.keys()) {
                own.put(k, scoped.get(k));
            }
            return new Origin(role, provider.name(), provider.getClass(), Set.copyOf(keys),
                    provider.engineSettingsRead(ctx.config()), own);
        }
    }

    private final Origin origin;
    private final T component;
    /** The generations holding it; it closes when the count returns to zero. */
    private final AtomicInteger holders = new AtomicInteger();

    /**
     * @param origin    what it was created from
     * @param component the component, held by no generation yet
     */
    ComponentPart(Origin origin, T component) {
        this.origin = Objects.requireNonNull(origin, "origin");
        this.component = Objects.requireNonNull(component, "component");
    }

    /** @return what it was created from */
    Origin origin() {
        return origin;
    }

    /** @return the component */
    T component() {
        return component;
    }

    /**
     * @param next what the next configuration would create it from
     * @return whether this instance serves it as it is: same provider, keys and settings
     */
    boolean servesAgain(Origin next) {
        return origin.equals(next);
    }

    /** Taken by a generation that uses it. */
    void retain() {
        holders.incrementAndGet();
    }

    /** Let go by a generation; the last one closes it. */
    void release() {
        if (holders.decrementAndGet() == 0) {
            closeQuietly(component);
        }
    }

    /** @return how many generations hold it (for tests) */
    int holders() {
        return holders.get();
    }

    /** @param o closed when it is {@link AutoCloseable}; what close() throws is logged */
    static void closeQuietly(Object o) {
        if (o instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception | Error e) {
                LOG.warn("zprof: closing {} failed: {}", c.getClass().getName(), e.toString());
            }
        }
    }
}
