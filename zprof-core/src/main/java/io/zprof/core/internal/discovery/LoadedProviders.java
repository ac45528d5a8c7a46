package io.zprof.core.internal.discovery;

import io.zprof.core.status.ProviderStatus;
import java.util.List;

/**
 * What {@link ProviderLoader} found for one provider interface: the instances that loaded, and the entries that
 * did not (with their error).
 *
 * @param <P>      provider interface
 * @param loaded   providers instantiated successfully
 * @param failures entries that failed to load, as FAILED_TO_LOAD statuses
 */
public record LoadedProviders<P>(List<P> loaded, List<ProviderStatus> failures) {
    /** Defensive copies. */
    public LoadedProviders {
        loaded = List.copyOf(loaded);
        failures = List.copyOf(failures);
    }
}
