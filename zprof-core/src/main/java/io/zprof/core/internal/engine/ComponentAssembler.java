package io.zprof.core.internal.engine;

import io.zprof.api.config.ConfigurationException;
import io.zprof.api.config.ProviderSelection;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.Metric;
import io.zprof.api.port.Collector;
import io.zprof.api.port.Dumper;
import io.zprof.api.port.Reporter;
import io.zprof.api.port.Shrinker;
import io.zprof.api.spi.CollectorProvider;
import io.zprof.api.spi.ComponentProvider;
import io.zprof.api.spi.DumperProvider;
import io.zprof.api.spi.ProviderContext;
import io.zprof.api.spi.ReporterProvider;
import io.zprof.api.spi.ShrinkerProvider;
import io.zprof.core.internal.config.ConfigBinder;
import io.zprof.core.internal.discovery.KeyedSelection;
import io.zprof.core.internal.discovery.LoadedProviders;
import io.zprof.core.internal.discovery.NamedSelection;
import io.zprof.core.internal.discovery.ProviderLoader;
import io.zprof.core.internal.report.NamedReporter;
import io.zprof.core.status.ProviderStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the {@link Components} of a configuration: discovers providers, selects one per metric and dump kind
 * (falling back to the next candidate when a selected provider fails to create), creates the reporters named in
 * the configuration, and closes everything it created if any step fails, so nothing is half-applied.
 */
final class ComponentAssembler {
    private static final Logger LOG = LoggerFactory.getLogger(ComponentAssembler.class);
    private static final int MAX_FALLBACKS = 16;
    /** Collector pins may name a rule ({@code memory}) for the metrics it needs. */
    private static final Map<String, List<String>> COLLECTOR_PIN_ALIASES = collectorPinAliases();

    private final ProviderLoader loader;
    private final BiFunction<List<NamedReporter>, ProviderContext, Delivery> deliveryFactory;

    ComponentAssembler(ProviderLoader loader, BiFunction<List<NamedReporter>, ProviderContext, Delivery> deliveryFactory) {
        this.loader = loader;
        this.deliveryFactory = deliveryFactory;
    }

    /**
     * Runs the same selection as {@link #assemble} and lets each provider that would be used check its settings,
     * creating nothing: how a configuration given to a stopped engine is validated.
     *
     * @throws ConfigurationException for a bad pin, an unknown reporter or a provider's invalid setting
     */
    void validate(ProviderContext ctx) {
        ProviderSelection sel = ctx.config().providers();
        validateKeyed("collector", CollectorProvider.class, p -> keys(p.metrics()), sel.collectorPins(),
                COLLECTOR_PIN_ALIASES, "zprof.collector.", sel.disabled(), ctx);
        validateKeyed("dumper", DumperProvider.class, p -> keys(p.kinds()), sel.dumperPins(), Map.of(), "zprof.dumper.",
                sel.disabled(), ctx);
        validateKeyed("shrinker", ShrinkerProvider.class, p -> Set.of("shrink"), Map.of(), Map.of(), "zprof.shrinker.",
                sel.disabled(), ctx);
        NamedSelection.select("reporter", loader.load(ReporterProvider.class, "reporter"), ctx.config().report().reporters(),
                "zprof.reporters", ctx).chosen().forEach(p -> p.validate(ctx));
    }

    private <P extends ComponentProvider<?>> void validateKeyed(String type, Class<P> iface,
            Function<P, Collection<String>> keysOf, Map<String, String> pins, Map<String, List<String>> aliases,
            String pinPrefix, Set<String> disabled, ProviderContext ctx) {
        KeyedSelection<P> sel = KeyedSelection.select(type, loader.load(iface, type), keysOf, pins, aliases, pinPrefix,
                disabled, ctx);
        new LinkedHashSet<>(sel.winners().values()).forEach(p -> p.validate(ctx));
    }

    /**
     * Builds the components of a configuration, keeping every component of {@code previous} whose provider,
     * keys and settings are unchanged ({@link ComponentPart#servesAgain}); a report delivery in use is kept and
     * takes the new reporters when the generation {@linkplain Components#goLive goes live}. If any step fails,
     * everything created here is closed and nothing of {@code previous} is touched.
     *
     * @param ctx      the configuration
     * @param previous the components in force, or {@code null} (at start)
     * @return the components, holding their parts
     */
    Components assemble(ProviderContext ctx, Components previous) {
        List<ComponentPart<?>> before = previous == null ? List.of() : previous.parts();
        List<Object> created = new ArrayList<>();
        List<ProviderStatus> statuses = new ArrayList<>();
        try {
            ProviderSelection sel = ctx.config().providers();
            List<ComponentPart<?>> parts = new ArrayList<>();
            Map<CollectorProvider, ComponentPart<Collector>> collectors = createKeyed("collector", CollectorProvider.class,
                    p -> keys(p.metrics()), sel.collectorPins(), COLLECTOR_PIN_ALIASES, "zprof.collector.", sel.disabled(),
                    ctx, before, created, statuses);
            List<CollectorBinding> bindings = new ArrayList<>();
            collectors.forEach((p, part) -> {
                parts.add(part);
                Set<Metric> metrics = new HashSet<>();
                for (Metric m : p.metrics()) {
                    if (part.origin().keys().contains(m.key())) {
                        metrics.add(m);
                    }
                }
                bindings.add(new CollectorBinding(p.name(), part.component(), metrics));
            });
            Map<DumperProvider, ComponentPart<Dumper>> dumperParts = createKeyed("dumper", DumperProvider.class,
                    p -> keys(p.kinds()), sel.dumperPins(), Map.of(), "zprof.dumper.", sel.disabled(), ctx, before,
                    created, statuses);
            Map<DumpKind, Dumper> dumpers = new HashMap<>();
            dumperParts.values().forEach(part -> {
                parts.add(part);
                for (String k : part.origin().keys()) {
                    dumpers.put(DumpKind.fromKey(k), part.component());
                }
            });
            Map<ShrinkerProvider, ComponentPart<Shrinker>> shrinkers = createKeyed("shrinker", ShrinkerProvider.class,
                    p -> Set.of("shrink"), Map.of(), Map.of(), "zprof.shrinker.", sel.disabled(), ctx, before, created,
                    statuses);
            Shrinker shrinker = null;
            for (ComponentPart<Shrinker> part : shrinkers.values()) {
                parts.add(part);
                shrinker = shrinker == null ? part.component() : shrinker;
            }
            NamedSelection<ReporterProvider> chosen = NamedSelection.select("reporter",
                    loader.load(ReporterProvider.class, "reporter"), ctx.config().report().reporters(), "zprof.reporters", ctx);
            statuses.addAll(chosen.statuses());
            List<ComponentPart<Reporter>> reporters = new ArrayList<>();
            List<Reporter> fresh = new ArrayList<>();
            for (ReporterProvider p : chosen.chosen()) {
                ComponentPart.Origin origin = ComponentPart.Origin.of("reporter", p, Set.of(), ctx);
                ComponentPart<Reporter> kept = previous == null ? null : find(previous.reporters, origin);
                if (kept == null) {
                    Reporter r = p.create(ctx);
                    created.add(r);
                    fresh.add(r);
                    kept = new ComponentPart<>(origin, r);
                }
                reporters.add(kept);
            }
            Delivery delivery = Delivery.NONE;
            boolean shared = false;
            if (!reporters.isEmpty()) {
                ComponentPart<Delivery> old = previous == null || previous.delivery == Delivery.NONE ? null
                        : find(before, DELIVERY);
                shared = old != null;
                ComponentPart<Delivery> part = shared ? old
                        : new ComponentPart<>(DELIVERY, deliveryFactory.apply(reporters.stream()
                                .map(r -> new NamedReporter(r.origin().provider(), r.component())).toList(), ctx));
                delivery = part.component();
                // the delivery owns the reporters: it closes them on a helper thread with a deadline, so one whose
                // close() hangs cannot hold up stop(); a delivery kept from before owns them once the generation is live
                parts.add(part);
            }
            return new Components(bindings, dumpers, delivery, shrinker, statuses, reporters, parts, shared,
                    shared ? fresh : List.of());
        } catch (RuntimeException | LinkageError e) {
            for (int i = created.size() - 1; i >= 0; i--) {
                ComponentPart.closeQuietly(created.get(i));
            }
            throw e;
        }
    }

    /** What a delivery is made from: the engine's report delivery is one, and stays while there are reporters. */
    private static final ComponentPart.Origin DELIVERY = new ComponentPart.Origin("delivery", "delivery",
            Delivery.class, Set.of(), List.of(), Map.of());

    @SuppressWarnings("unchecked")
    private static <T> ComponentPart<T> find(List<? extends ComponentPart<?>> parts, ComponentPart.Origin origin) {
        for (ComponentPart<?> p : parts) {
            if (p.servesAgain(origin)) {
                return (ComponentPart<T>) p;
            }
        }
        return null;
    }

    /**
     * Selects winners per key and creates their components, or keeps the one {@code before} holds when it serves
     * the same keys with the same settings. A provider whose create() throws (for a reason other than bad
     * configuration, which propagates) is excluded and selection runs again, so the next candidate takes its keys
     * and status() records the failure.
     */
    @SuppressWarnings("java:S107") // one selection's inputs; every call names them
    private <T, P extends ComponentProvider<T>> Map<P, ComponentPart<T>> createKeyed(String type, Class<P> iface,
            Function<P, Collection<String>> keysOf, Map<String, String> pins, Map<String, List<String>> aliases,
            String pinPrefix, Set<String> disabled, ProviderContext ctx, List<ComponentPart<?>> before,
            List<Object> created, List<ProviderStatus> statuses) {
        LoadedProviders<P> found = loader.load(iface, type);
        Map<String, String> failures = new LinkedHashMap<>();
        for (int attempt = 0; attempt < MAX_FALLBACKS; attempt++) {
            KeyedSelection<P> sel = KeyedSelection.select(type, found, keysOf, pins, aliases, pinPrefix, disabled, failures, ctx);
            Map<P, Set<String>> byProvider = new LinkedHashMap<>();
            sel.winners().forEach((k, p) -> byProvider.computeIfAbsent(p, x -> new HashSet<>()).add(k));
            Map<P, ComponentPart<T>> made = new LinkedHashMap<>();
            List<T> fresh = new ArrayList<>();
            boolean broken = false;
            for (Map.Entry<P, Set<String>> e : byProvider.entrySet()) {
                P p = e.getKey();
                ComponentPart.Origin origin = ComponentPart.Origin.of(type, p, e.getValue(), ctx);
                ComponentPart<T> kept = find(before, origin);
                if (kept != null) {
                    made.put(p, kept);
                    continue;
                }
                try {
                    T component = p.create(new SelectedProviderContext(ctx, e.getValue()));
                    fresh.add(component);
                    made.put(p, new ComponentPart<>(origin, component));
                } catch (ConfigurationException ce) {
                    fresh.forEach(ComponentPart::closeQuietly);
                    throw ce;
                } catch (RuntimeException | LinkageError ex) {
                    LOG.warn("zprof: {} provider '{}' failed to create, trying the next candidate: {}", type, p.name(), ex.toString());
                    failures.put(p.name(), "create() failed: " + ex);
                    fresh.forEach(ComponentPart::closeQuietly);
                    broken = true;
                    break;
                }
            }
            if (!broken) {
                statuses.addAll(sel.statuses());
                created.addAll(fresh);
                return made;
            }
        }
        throw new ConfigurationException("zprof.providers", "too many " + type + " providers failed to create: " + failures);
    }

    private static Map<String, List<String>> collectorPinAliases() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        ConfigBinder.METRIC_ALIASES.forEach((alias, metrics) -> out.put(alias, metrics.stream().map(Metric::key).toList()));
        return Map.copyOf(out);
    }

    private static Set<String> keys(Collection<?> values) {
        Set<String> out = new HashSet<>();
        for (Object e : values) {
            out.add(e instanceof Metric ? ((Metric) e).key() : ((DumpKind) e).key());
        }
        return out;
    }
}
