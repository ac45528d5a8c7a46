package io.zprof.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;
import io.zprof.api.config.RuleConfig;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.Decision;
import io.zprof.api.model.Metric;
import io.zprof.api.model.RuleInput;
import io.zprof.api.model.Verdict;
import io.zprof.api.port.Rule;
import io.zprof.api.spi.RuleContext;
import io.zprof.api.spi.RuleProvider;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link RuleProvider} (a rule type), as JUnit 5 tests: extend it in your test sources and supply
 * the provider, settings under which it makes a rule, and one bad setting. Settings here are the type's own, relative
 * to {@code zprof.rule.<name>.} as in {@link RuleProvider#settingKeys()}; errors must name the full key.
 *
 * <pre>{@code
 * class SpikeRuleProviderTest extends RuleProviderContract<SpikeRuleProvider> {
 *     protected SpikeRuleProvider provider() { return new SpikeRuleProvider(); }
 *     protected Map<String, String> validSettings() { return Map.of("factor", "3"); }
 *     protected Optional<Map.Entry<String, String>> badSetting() { return Optional.of(Map.entry("factor", "-1")); }
 * }
 * }</pre>
 *
 * <p>Besides the name, the settings and the services file, the rules it makes are checked on a few series of samples
 * ({@link #series()}): {@link Rule#evaluate} answers the same for the same input, never with a verdict the engine
 * decides itself, and {@link Rule#explain} agrees with it.
 *
 * @param <P> the provider class under test
 */
public abstract class RuleProviderContract<P extends RuleProvider> {
    /** The verdicts the engine decides before a rule is asked: a rule returning one would mislead the reader. */
    private static final Set<Verdict> ENGINE_VERDICTS =
            EnumSet.of(Verdict.DISABLED, Verdict.NO_DATA, Verdict.WARMUP, Verdict.COOLDOWN);

    /** For subclasses. */
    protected RuleProviderContract() {
    }

    /** @return a new instance of the provider under test, as ServiceLoader would make it */
    protected abstract P provider();

    /** @return the type's settings, relative to {@code zprof.rule.<name>.}, under which it makes a rule */
    protected abstract Map<String, String> validSettings();

    /**
     * One setting the type must refuse, relative key and value ({@code factor} and {@code -1}); it is added to
     * {@link #validSettings()}, so it is the only fault.
     *
     * @return the bad setting, or empty for a type that reads no settings (which must then declare none)
     */
    protected abstract Optional<Map.Entry<String, String>> badSetting();

    /** @return the name of the rule the contract configures; by default {@code contract} */
    protected String ruleName() {
        return "contract";
    }

    /** @return the metric the contract's rule watches; by default {@link Metric#CPU_PERCENT} */
    protected Metric metric() {
        return Metric.CPU_PERCENT;
    }

    /**
     * @return series of samples, oldest first, each ending with the sample the rule decides on: by default a flat
     *         one, a steady rise, a spike after a flat stretch and a first sample with an empty window. Override to
     *         add the shapes your rule looks for
     */
    protected List<double[]> series() {
        double[] flat = new double[30];
        double[] rising = new double[30];
        double[] spike = new double[30];
        for (int i = 0; i < 30; i++) {
            flat[i] = 50;
            rising[i] = 10 + 3 * i;
            spike[i] = i == 29 ? 99 : 20;
        }
        return List.of(flat, rising, spike, new double[] {50});
    }

    /** @return the settings' full-key prefix, {@code zprof.rule.<name>.} */
    protected final String settingsPrefix() {
        return RuleConfig.prefix(ruleName());
    }

    /** The type's name is one lowercase word: users write it in {@code zprof.rule.<name>.type}. */
    @Test
    public void nameIsOneLowercaseWord() {
        ContractAssertions.assertOneLowercaseWord(provider().name(), provider().name());
    }

    /** settingKeys() lists the type's own settings, not the engine's generic ones, and the settings used here. */
    @Test
    public void settingKeysAreTheTypesOwn() {
        Set<String> declared = provider().settingKeys();
        assertNotNull(declared, "settingKeys() must not be null (Set.of() for a type without settings)");
        Set<String> generic = new TreeSet<>(declared);
        generic.retainAll(RuleConfig.GENERIC_KEYS);
        assertEquals(Set.of(), generic, "settingKeys() must not list the engine's generic settings " + RuleConfig.GENERIC_KEYS);
        Set<String> used = new TreeSet<>(validSettings().keySet());
        badSetting().ifPresent(b -> used.add(b.getKey()));
        used.removeAll(declared);
        assertEquals(Set.of(), used, "set by this contract but not in settingKeys() " + declared
                + " (the engine refuses them as typos)");
    }

    /** With the valid settings, create() makes a rule; without any, it makes one or fails naming a key of the rule. */
    @Test
    public void createMakesARuleOrFailsNamingAKey() {
        assertNotNull(provider().create(context(validSettings(), ignored -> { })), "create() returned null");
        try {
            provider().create(context(Map.of(), ignored -> { }));
        } catch (ConfigurationException e) {
            assertTrue(e.key() != null && e.key().startsWith(settingsPrefix()), "with no settings, the error must name a key"
                    + " under " + settingsPrefix() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            fail("with no settings, create() must make a rule or throw a ConfigurationException naming the missing key,"
                    + " not " + e, e);
        }
    }

    /** A bad setting fails create() with an error naming its full key and its value. */
    @Test
    public void badSettingFailsCreateNamingKeyAndValue() {
        Optional<Map.Entry<String, String>> bad = badSetting();
        if (bad.isEmpty()) {
            assertEquals(Set.of(), provider().settingKeys(),
                    "a rule type without a bad setting must read no settings: settingKeys() must be Set.of()");
            return;
        }
        String key = settingsPrefix() + bad.get().getKey();
        String value = bad.get().getValue();
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> provider().create(context(withBad(bad.get()), ignored -> { })), "create() must refuse " + key + "=" + value);
        ContractAssertions.assertNamesKeyAndValue(e, key, value);
    }

    /**
     * Every setting the type reads, when making the rule or when evaluating it, is one it declares: the engine
     * refuses the others as typos, so an undeclared one could never be set.
     */
    @Test
    public void settingKeysCoverEverySettingItReads() {
        Set<String> read = new TreeSet<>();
        RuleContext ctx = context(validSettings(), read::add);
        Rule rule = provider().create(ctx);
        for (RuleInput in : inputs(rule, ctx.settings())) {
            rule.explain(in, rule.evaluate(in));
        }
        Set<String> declared = provider().settingKeys();
        Set<String> undeclared = new TreeSet<>();
        for (String full : read) {
            String relative = full.substring(settingsPrefix().length());
            if (!relative.isEmpty() && !declared.contains(relative)) {
                undeclared.add(full);
            }
        }
        assertEquals(Set.of(), undeclared, "read but not in settingKeys() " + declared);
    }

    /** The provider is listed in its module's {@code META-INF/services} file, so the engine finds it. */
    @Test
    public void isRegisteredInItsServicesFile() {
        ContractAssertions.assertRegisteredOnce(RuleProvider.class, provider().getClass());
    }

    /**
     * A rule is a pure function of its input: asked twice, or asked again by a rule made from the same settings, it
     * answers the same; it never throws, and never answers what only the engine decides (disabled, no data, warm-up,
     * cooldown).
     */
    @Test
    public void evaluateIsDeterministic() {
        RuleContext ctx = context(validSettings(), ignored -> { });
        Rule rule = provider().create(ctx);
        Rule twin = provider().create(context(validSettings(), ignored -> { }));
        for (RuleInput in : inputs(rule, ctx.settings())) {
            Verdict first = assertDoesNotThrow(() -> rule.evaluate(in), "evaluate() on " + in);
            assertNotNull(first, "evaluate() returned null on " + in);
            assertFalse(ENGINE_VERDICTS.contains(first), "evaluate() returned " + first + ", which only the engine decides, on " + in);
            assertEquals(first, rule.evaluate(in), "evaluate() answered differently the second time on " + in);
            assertEquals(first, twin.evaluate(in), "a rule made from the same settings answered differently on " + in);
        }
    }

    /** explain() tells the verdict evaluate() gave, for this rule, with a reason a person can read. */
    @Test
    public void explainAgreesWithEvaluate() {
        RuleContext ctx = context(validSettings(), ignored -> { });
        Rule rule = provider().create(ctx);
        for (RuleInput in : inputs(rule, ctx.settings())) {
            Verdict v = rule.evaluate(in);
            Decision d = assertDoesNotThrow(() -> rule.explain(in, v), "explain() on " + in);
            assertNotNull(d, "explain() returned null on " + in);
            assertEquals(v, d.verdict(), "explain() must tell the verdict evaluate() gave, on " + in);
            assertEquals(ruleName(), d.rule(), "explain() must name the rule (Decision.of(input, ...) does)");
            assertFalse(d.reason().isBlank(), "explain() must give a reason, on " + in);
        }
    }

    /**
     * @param settings the type's settings, relative keys
     * @param onRead   told the full key of every setting read
     * @return the context the engine would hand the provider for the contract's rule
     */
    private RuleContext context(Map<String, String> settings, java.util.function.Consumer<String> onRead) {
        Map<String, String> full = new LinkedHashMap<>();
        settings.forEach((k, v) -> full.put(settingsPrefix() + k, v));
        ConfigProperties view = new RecordingProperties(ConfigProperties.of(full), onRead).withPrefix(settingsPrefix());
        return new RuleContext(ruleName(), metric(), view);
    }

    private List<RuleInput> inputs(Rule rule, ConfigProperties settings) {
        ZprofConfig defaults = ZprofConfig.defaults();
        int window = Math.max(1, Math.min(ZprofConfig.MAX_WINDOW,
                rule.windowSize(defaults.windowSize(), defaults.collectInterval())));
        List<RuleInput> out = new ArrayList<>();
        for (double[] s : series()) {
            out.add(new SeriesRuleInput(ruleName(), metric(), s, window, defaults.collectInterval().toMillis(), settings));
        }
        return out;
    }

    private Map<String, String> withBad(Map.Entry<String, String> bad) {
        Map<String, String> s = new HashMap<>(validSettings());
        s.put(bad.getKey(), bad.getValue());
        return s;
    }
}
