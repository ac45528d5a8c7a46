package io.zprof.core.status;

import java.util.List;

/**
 * One provider as {@code status()} shows it.
 *
 * @param type        {@code collector}, {@code dumper}, {@code reporter} or {@code shrinker}
 * @param name        the provider's name (or the service-file entry when it failed to load)
 * @param className   implementation class
 * @param priority    its priority
 * @param state       selected, standby, unavailable, ...
 * @param detail      why (unavailability reason, load error, who won instead)
 * @param selectedFor metric or dump-kind keys it serves
 */
public record ProviderStatus(String type, String name, String className, int priority, ProviderState state,
                             String detail, List<String> selectedFor) {
    /** Defensive copy. */
    public ProviderStatus {
        selectedFor = List.copyOf(selectedFor);
    }
}
