package io.zprof.core.internal.discovery;

import io.zprof.api.config.ConfigurationException;
import io.zprof.api.spi.Availability;
import io.zprof.api.spi.ComponentProvider;
import io.zprof.api.spi.ProviderContext;
import io.zprof.core.status.ProviderState;
import io.zprof.core.status.ProviderStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Selection by explicit name list, for reporters: nothing sends data off the host unless named. An unknown name
 * fails; for first-party names the message says which artifact to add.
 *
 * @param <P>      provider interface
 * @param chosen   the providers named, in the configured order
 * @param statuses one status per provider found
 */
public record NamedSelection<P extends ComponentProvider<?>>(List<P> chosen, List<ProviderStatus> statuses) {
    private static final Map<String, String> FIRST_PARTY = Map.of(
            "http", "io.zprof:zprof-reporter-http",
            "pyroscope", "io.zprof:zprof-reporter-pyroscope");

    /**
     * @param typeName {@code reporter}
     * @param found    what the loader found
     * @param names    the configured names, in order
     * @param key      the property that lists them, for errors
     * @param ctx      for availability checks
     * @param <P>      provider interface
     * @return the selection
     * @throws ConfigurationException for an unknown or unavailable name, or duplicate providers
     */
    public static <P extends ComponentProvider<?>> NamedSelection<P> select(String typeName, LoadedProviders<P> found,
            List<String> names, String key, ProviderContext ctx) {
        Map<P, String> excluded = new LinkedHashMap<>();
        Map<P, ProviderState> excludedState = new HashMap<>();
        Map<String, P> byName = new LinkedHashMap<>();
        for (P p : KeyedSelection.uniqueByName(typeName, found.loaded(), excluded, excludedState)) {
            byName.put(p.name(), p);
        }
        List<P> chosen = new ArrayList<>();
        for (String n : names) {
            P p = byName.get(n);
            if (p == null) {
                String hint = FIRST_PARTY.containsKey(n) ? "; add the dependency " + FIRST_PARTY.get(n)
                        : "; installed " + typeName + "s: " + byName.keySet();
                throw new ConfigurationException(key, String.join(",", names), "unknown " + typeName + " '" + n + "'" + hint);
            }
            Availability a = KeyedSelection.availabilityOf(p, ctx);
            if (!a.available()) {
                throw new ConfigurationException(key, String.join(",", names), typeName + " '" + n + "' is unavailable: " + a.reason());
            }
            chosen.add(p);
        }
        List<ProviderStatus> statuses = new ArrayList<>(found.failures());
        for (P p : found.loaded()) {
            String cls = p.getClass().getName();
            if (excluded.containsKey(p)) {
                statuses.add(new ProviderStatus(typeName, p.name(), cls, p.priority(), excludedState.get(p), excluded.get(p), List.of()));
            } else if (chosen.contains(p)) {
                statuses.add(new ProviderStatus(typeName, p.name(), cls, p.priority(), ProviderState.SELECTED, "", List.of(p.name())));
            } else {
                statuses.add(new ProviderStatus(typeName, p.name(), cls, p.priority(), ProviderState.NOT_CONFIGURED,
                        "not listed in " + key, List.of()));
            }
        }
        return new NamedSelection<>(chosen, statuses);
    }
}
