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
 * used. Two providers with the same name and priority are an error naming both classes. Availability is checked
 * only for providers that would serve a key, because a check may load native code (OSHI loads JNA).
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
        return select(typeName, found, keysOf, pins, aliases, pinKeyPrefix, disabled, Map.of(), ctx);
    }

    /**
     * As {@link #select(String, LoadedProviders, Function, Map, Map, String, Set, ProviderContext)}, leaving out
     * providers that already failed to create, with the reason a pin to one of them reports.
     *
     * @param failed provider name → why it cannot be used ({@code create() failed: ...})
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    public static <P extends ComponentProvider<?>> KeyedSelection<P> select(String typeName, LoadedProviders<P> found,
            Function<P, Collection<String>> keysOf, Map<String, String> pins, Map<String, List<String>> aliases,
            String pinKeyPrefix, Set<String> disabled, Map<String, String> failed, ProviderContext ctx) {
        List<ProviderStatus> statuses = new ArrayList<>(found.failures());
        Map<P, String> excluded = new LinkedHashMap<>();
        Map<P, ProviderState> excludedState = new HashMap<>();
        List<P> enabled = new ArrayList<>();
        for (P p : uniqueByName(typeName, found.loaded(), excluded, excludedState)) {
            if (disabled.contains(p.name())) {
                excluded.put(p, "disabled by zprof.providers.disabled");
                excludedState.put(p, ProviderState.DISABLED);
            } else if (failed.containsKey(p.name())) {
                excluded.put(p, failed.get(p.name()));
                excludedState.put(p, ProviderState.FAILED_TO_CREATE);
            } else {
                enabled.add(p);
            }
        }
        Map<P, Boolean> probed = new HashMap<>();
        Function<P, Boolean> usable = p -> probed.computeIfAbsent(p, x -> {
            Availability a = availabilityOf(x, ctx);
            if (!a.available()) {
                excluded.put(x, a.reason());
                excludedState.put(x, ProviderState.UNAVAILABLE);
            }
            return a.available();
        });
        Map<String, P> winners = new LinkedHashMap<>();
        Set<String> pinned = new HashSet<>();
        for (Map.Entry<String, String> pin : pins.entrySet()) {
            P p = enabled.stream().filter(c -> c.name().equals(pin.getValue())).findFirst().orElse(null);
            if (p == null || !usable.apply(p)) {
                P known = found.loaded().stream().filter(c -> c.name().equals(pin.getValue())).findFirst().orElse(null);
                String why = known == null ? "no " + typeName + " provider named '" + pin.getValue() + "' is installed"
                        : "provider '" + pin.getValue() + "' is not usable: " + excluded.get(p == null ? known : p);
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
        // highest priority first (stable: discovery order breaks ties); a provider is asked for its availability
        // only when it would serve a key, so a standby one (OSHI beside the cgroup collector) loads nothing native
        List<P> byPriority = new ArrayList<>(enabled);
        byPriority.sort((a, b) -> Integer.compare(b.priority(), a.priority()));
        for (P p : byPriority) {
            List<String> open = keysOf.apply(p).stream().filter(k -> !winners.containsKey(k)).toList();
            if (!open.isEmpty() && usable.apply(p)) {
                open.forEach(k -> winners.put(k, p));
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
            if (served.isEmpty() && !probed.containsKey(p)) {
                detail += (detail.isEmpty() ? "" : "; ") + "availability not checked";
            }
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
