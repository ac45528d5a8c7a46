package io.zprof.api.config;

import java.util.Map;
import java.util.Set;

/**
 * User overrides of provider selection.
 *
 * @param collectorPins metric key or alias ({@code cpu}, {@code memory}, {@code threads}, {@code osthreads}, or a
 *                      {@link io.zprof.api.model.Metric#key()}) → provider name ({@code zprof.collector.memory=oshi})
 * @param dumperPins    dump kind key → provider name ({@code zprof.dumper.heap=jfr})
 * @param disabled      provider names never used ({@code zprof.providers.disabled=oshi})
 */
public record ProviderSelection(Map<String, String> collectorPins, Map<String, String> dumperPins, Set<String> disabled) {
    /** Defensive copies. */
    public ProviderSelection {
        collectorPins = Map.copyOf(SingleSettingChecks.required("zprof.collector", collectorPins));
        dumperPins = Map.copyOf(SingleSettingChecks.required("zprof.dumper", dumperPins));
        disabled = Set.copyOf(SingleSettingChecks.required("zprof.providers.disabled", disabled));
    }

    /** @return no overrides */
    public static ProviderSelection defaults() {
        return new ProviderSelection(Map.of(), Map.of(), Set.of());
    }
}
