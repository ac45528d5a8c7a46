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

    Components assemble(ProviderContext ctx) {
        List<AutoCloseable> created = new ArrayList<>();
        List<ProviderStatus> statuses = new ArrayList<>();
        try {
            ProviderSelection sel = ctx.config().providers();
            Map<CollectorProvider, Made<Collector>> collectors = createKeyed("collector", CollectorProvider.class,
                    p -> keys(p.metrics()), sel.collectorPins(), COLLECTOR_PIN_ALIASES, "zprof.collector.", sel.disabled(),
                    ctx, statuses);
            List<CollectorBinding> bindings = new ArrayList<>();
            collectors.forEach((p, made) -> {
                created.add(made.component());
                Set<Metric> metrics = new HashSet<>();
                for (Metric m : p.metrics()) {
                    if (made.keys().contains(m.key())) {
                        metrics.add(m);
                    }
                }
                bindings.add(new CollectorBinding(p.name(), made.component(), metrics));
            });
            Map<DumperProvider, Made<Dumper>> dumperMade = createKeyed("dumper", DumperProvider.class,
                    p -> keys(p.kinds()), sel.dumperPins(), Map.of(), "zprof.dumper.", sel.disabled(), ctx, statuses);
            Map<DumpKind, Dumper> dumpers = new HashMap<>();
            dumperMade.forEach((p, made) -> {
                created.add(made.component());
                for (String k : made.keys()) {
                    dumpers.put(DumpKind.fromKey(k), made.component());
                }
            });
            Map<ShrinkerProvider, Made<Shrinker>> shrinkers = createKeyed("shrinker", ShrinkerProvider.class,
                    p -> Set.of("shrink"), Map.of(), Map.of(), "zprof.shrinker.", sel.disabled(), ctx, statuses);
            Shrinker shrinker = shrinkers.values().stream().map(Made::component).findFirst().orElse(null);
            if (shrinker instanceof AutoCloseable) {
                created.add((AutoCloseable) shrinker);
            }
            LoadedProviders<ReporterProvider> reporters = loader.load(ReporterProvider.class, "reporter");
            NamedSelection<ReporterProvider> chosen = NamedSelection.select("reporter", reporters,
                    ctx.config().report().reporters(), "zprof.reporters", ctx);
            statuses.addAll(chosen.statuses());
            List<NamedReporter> refs = new ArrayList<>();
            int firstReporter = created.size();
            for (ReporterProvider p : chosen.chosen()) {
                Reporter r = p.create(ctx);
                created.add(r);
                refs.add(new NamedReporter(p.name(), r));
            }
            Delivery delivery = refs.isEmpty() ? Delivery.NONE : deliveryFactory.apply(refs, ctx);
            // the delivery owns the reporters: it closes them on a helper thread with a deadline, so one whose
            // close() hangs cannot hold up stop(); closing them here too would call it again, on the caller's thread
            List<AutoCloseable> closeables = new ArrayList<>(created.subList(0, firstReporter));
            closeables.add(delivery);
            return new Components(bindings, dumpers, delivery, shrinker, statuses, closeables);
        } catch (RuntimeException | LinkageError e) {
            for (int i = created.size() - 1; i >= 0; i--) {
                Components.closeQuietly(created.get(i));
            }
            throw e;
        }
    }

    /** A created component and the keys it serves. @param component the component @param keys its keys */
    private record Made<T>(T component, Set<String> keys) {
    }

    /**
     * Selects winners per key and creates their components. A provider whose create() throws (for a reason other
     * than bad configuration, which propagates) is excluded and selection runs again, so the next candidate takes
     * its keys and status() records the failure.
     */
    private <T, P extends ComponentProvider<T>> Map<P, Made<T>> createKeyed(String type, Class<P> iface,
            Function<P, Collection<String>> keysOf, Map<String, String> pins, Map<String, List<String>> aliases,
            String pinPrefix, Set<String> disabled, ProviderContext ctx, List<ProviderStatus> statuses) {
        LoadedProviders<P> found = loader.load(iface, type);
        Map<String, String> failures = new LinkedHashMap<>();
        for (int attempt = 0; attempt < MAX_FALLBACKS; attempt++) {
            KeyedSelection<P> sel = KeyedSelection.select(type, found, keysOf, pins, aliases, pinPrefix, disabled, failures, ctx);
            Map<P, Set<String>> byProvider = new LinkedHashMap<>();
            sel.winners().forEach((k, p) -> byProvider.computeIfAbsent(p, x -> new HashSet<>()).add(k));
            Map<P, Made<T>> made = new LinkedHashMap<>();
            boolean broken = false;
            for (Map.Entry<P, Set<String>> e : byProvider.entrySet()) {
                P p = e.getKey();
                try {
                    made.put(p, new Made<>(p.create(new SelectedProviderContext(ctx, e.getValue())), e.getValue()));
                } catch (ConfigurationException ce) {
                    made.values().forEach(m -> closeIfCloseable(m.component()));
                    throw ce;
                } catch (RuntimeException | LinkageError ex) {
                    LOG.warn("zprof: {} provider '{}' failed to create, trying the next candidate: {}", type, p.name(), ex.toString());
                    failures.put(p.name(), "create() failed: " + ex);
                    made.values().forEach(m -> closeIfCloseable(m.component()));
                    broken = true;
                    break;
                }
            }
            if (!broken) {
                statuses.addAll(sel.statuses());
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

    private static void closeIfCloseable(Object o) {
        if (o instanceof AutoCloseable) {
            Components.closeQuietly((AutoCloseable) o);
        }
    }

    private static Set<String> keys(Collection<?> values) {
        Set<String> out = new HashSet<>();
        for (Object e : values) {
            out.add(e instanceof Metric ? ((Metric) e).key() : ((DumpKind) e).key());
        }
        return out;
    }
}
