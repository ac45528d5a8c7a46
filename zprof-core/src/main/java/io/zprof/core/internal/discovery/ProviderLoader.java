package io.zprof.core.internal.discovery;

/** The one seam between the engine and {@link java.util.ServiceLoader}; tests substitute fixed lists. */
@FunctionalInterface
public interface ProviderLoader {
    /**
     * @param type     provider interface
     * @param typeName {@code collector}, {@code dumper}, {@code reporter} or {@code shrinker}, for statuses
     * @param <P>      provider interface
     * @return what loaded and what failed; never throws for a broken provider
     */
    <P> LoadedProviders<P> load(Class<P> type, String typeName);
}
