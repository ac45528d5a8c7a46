package io.zprof.core.internal.discovery;

import io.zprof.api.config.ConfigurationException;
import io.zprof.api.spi.Availability;
import io.zprof.api.spi.ComponentProvider;
import io.zprof.api.spi.ProviderContext;
import io.zprof.core.status.ProviderState;
import io.zprof.core.status.ProviderStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Picks, for each key (a metric or a dump kind), the provider that serves it: a pinned provider if the user pinned
 * one, else the highest-priority available provider declaring the key. Records why every other provider was not
 * used. Two providers with the same name and priority are an error naming both classes.
 *
 * @param <P>      provider interface
 * @param winners  key → chosen provider, in key order
 * @param statuses one status per provider found (including load failures)
 */
public record KeyedSelection<P extends ComponentProvider<?>>(Map<String, P> winners, List<ProviderStatus> statuses) {

    /**
     * @param typeName  {@code collector} or {@code dumper}
     * @param found     what the loader found
     * @param keysOf    the keys each provider declares
     * @param pins      key (or alias) → pinned provider name
     * @param aliases   pin keys that stand for several keys ({@code memory} → rssbytes, memorylimitbytes)
     * @param pinKeyPrefix property prefix of pins, for errors ({@code zprof.collector.})
     * @param disabled  provider names switched off
     * @param ctx       passed to availability checks
     * @param <P>       provider interface
     * @return the selection
     * @throws ConfigurationException for duplicate providers or a pin that cannot be honoured
     */
    public static <P extends ComponentProvider<?>> KeyedSelection<P> select(String typeName, LoadedProviders<P> found,
            Function<P, Collection<String>> keysOf, Map<String, String> pins, Map<String, List<String>> aliases,
            String pinKeyPrefix, Set<String> disabled, ProviderContext ctx) {
        List<ProviderStatus> statuses = new ArrayList<>(found.failures());
        Map<P, String> excluded = new LinkedHashMap<>();
        Map<P, ProviderState> excludedState = new HashMap<>();
        List<P> candidates = new ArrayList<>();
        for (P p : uniqueByName(typeName, found.loaded(), excluded, excludedState)) {
            if (disabled.contains(p.name())) {
                excluded.put(p, "disabled by zprof.providers.disabled");
                excludedState.put(p, ProviderState.DISABLED);
                continue;
            }
            Availability a = availabilityOf(p, ctx);
            if (!a.available()) {
                excluded.put(p, a.reason());
                excludedState.put(p, ProviderState.UNAVAILABLE);
                continue;
            }
            candidates.add(p);
        }
        Map<String, P> winners = new LinkedHashMap<>();
        Set<String> pinned = new HashSet<>();
        Map<String, P> byName = new HashMap<>();
        for (P p : found.loaded()) {
            byName.putIfAbsent(p.name(), p);
        }
        for (Map.Entry<String, String> pin : pins.entrySet()) {
            P p = candidates.stream().filter(c -> c.name().equals(pin.getValue())).findFirst().orElse(null);
            if (p == null) {
                P known = byName.get(pin.getValue());
                String why = known == null ? "no " + typeName + " provider named '" + pin.getValue() + "' is installed"
                        : "provider '" + pin.getValue() + "' is not usable: " + excluded.get(known);
                throw new ConfigurationException(pinKeyPrefix + pin.getKey(), pin.getValue(), why);
            }
            for (String key : aliases.getOrDefault(pin.getKey(), List.of(pin.getKey()))) {
                if (!keysOf.apply(p).contains(key)) {
                    throw new ConfigurationException(pinKeyPrefix + pin.getKey(), pin.getValue(),
                            "provider '" + p.name() + "' does not supply " + key + " (it supplies " + keysOf.apply(p) + ")");
                }
                winners.put(key, p);
                pinned.add(key);
            }
        }
        for (P p : candidates) {
            for (String key : keysOf.apply(p)) {
                P cur = winners.get(key);
                if (pinned.contains(key)) {
                    continue;
                }
                if (cur == null || p.priority() > cur.priority()) {
                    winners.put(key, p);
                }
            }
        }
        for (P p : found.loaded()) {
            String cls = p.getClass().getName();
            if (excluded.containsKey(p)) {
                statuses.add(new ProviderStatus(typeName, p.name(), cls, p.priority(), excludedState.get(p), excluded.get(p), List.of()));
                continue;
            }
            List<String> served = new ArrayList<>();
            List<String> lostTo = new ArrayList<>();
            for (String key : keysOf.apply(p)) {
                P w = winners.get(key);
                if (w == p) {
                    served.add(key);
                } else if (w != null) {
                    lostTo.add(key + "→" + w.name() +  (pinned.contains(key) ? " (pinned)" : " (priority " + w.priority() + ")"));
                }
            }
            String detail = lostTo.isEmpty() ? "" : "not used for " + String.join(", ", lostTo);
            statuses.add(new ProviderStatus(typeName, p.name(), cls, p.priority(),
                    served.isEmpty() ? ProviderState.STANDBY : ProviderState.SELECTED, detail, served));
        }
        return new KeyedSelection<>(winners, statuses);
    }

    /**
     * Keeps the highest priority provider of each name; equal name and priority fail fast.
     */
    static <P extends ComponentProvider<?>> List<P> uniqueByName(String typeName, List<P> loaded, Map<P, String> excluded,
            Map<P, ProviderState> excludedState) {
        Map<String, P> best = new LinkedHashMap<>();
        for (P p : loaded) {
            P other = best.get(p.name());
            if (other == null) {
                best.put(p.name(), p);
            } else if (other.priority() == p.priority()) {
                throw new ConfigurationException("zprof." + typeName, "two " + typeName + " providers are named '" + p.name()
                        + "' with the same priority " + p.priority() + ": " + other.getClass().getName() + " and "
                        + p.getClass().getName() + "; remove one jar or disable one");
            } else {
                P loser = other.priority() > p.priority() ? p : other;
                P winner = loser == p ? other : p;
                best.put(p.name(), winner);
                excluded.put(loser, "shadowed by " + winner.getClass().getName() + " (same name, priority " + winner.priority() + ")");
                excludedState.put(loser, ProviderState.STANDBY);
            }
        }
        return new ArrayList<>(best.values());
    }

    static Availability availabilityOf(ComponentProvider<?> p, ProviderContext ctx) {
        try {
            Availability a = p.availability(ctx);
            return a == null ? Availability.unavailable("availability() returned null") : a;
        } catch (RuntimeException | LinkageError e) {
            return Availability.unavailable("availability check failed: " + e);
        }
    }
}
