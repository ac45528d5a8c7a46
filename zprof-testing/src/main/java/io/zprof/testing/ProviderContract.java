package io.zprof.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigurationException;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.spi.Availability;
import io.zprof.api.spi.ComponentProvider;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What every provider owes the engine, as JUnit 5 tests. Do not extend this class directly: extend the contract of
 * your provider's kind ({@link ReporterProviderContract}, {@link CollectorProviderContract},
 * {@link DumperProviderContract}), which inherits these tests. A rule type has its own contract,
 * {@link RuleProviderContract}: a rule is no component.
 *
 * @param <P> the provider interface
 * @param <C> the component it creates
 */
public abstract class ProviderContract<P extends ComponentProvider<C>, C extends AutoCloseable> {
    /** What {@link ComponentProvider#name()} must look like: one lowercase word (letters, then letters or digits). */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*");

    /** Subclasses only: the contract of each kind fixes the interface and role. */
    ProviderContract() {
    }

    /** @return a new instance of the provider under test, as ServiceLoader would make it */
    protected abstract P provider();

    /** @return the provider interface it is registered under ({@code META-INF/services/<its name>}) */
    protected abstract Class<P> serviceType();

    /** @return its role in setting keys: {@code collector}, {@code dumper} or {@code reporter} */
    protected abstract String role();

    /**
     * @return flat settings, with full keys, under which {@link ComponentProvider#create} succeeds; by default none.
     *         Settings that need a server should point at one that is not there: no test here sends anything
     */
    protected Map<String, String> validSettings() {
        return Map.of();
    }

    /**
     * @return the typed configuration the provider sees; by default {@link ZprofConfig#defaults()} (override to give a
     *         dumper a temporary dump directory)
     */
    protected ZprofConfig config() {
        return ZprofConfig.defaults();
    }

    /**
     * One setting the provider must refuse, with its full key and the value ({@code zprof.reporter.eventlog.path}
     * and a path that cannot be one); it is added to {@link #validSettings()}, so it is the only fault.
     *
     * @return the bad setting, or empty for a provider that reads no settings (which must then declare none)
     */
    protected abstract Optional<Map.Entry<String, String>> badSetting();

    /**
     * @param settings flat settings with full keys
     * @return the context the contract hands the provider: {@link #config()} with these settings
     */
    protected TestProviderContext context(Map<String, String> settings) {
        return TestProviderContext.of(config(), settings);
    }

    /** @return the prefix of the provider's own settings, {@code zprof.<role>.<name>.} */
    protected final String settingsPrefix() {
        return "zprof." + role() + "." + provider().name() + ".";
    }

    /** The name is one lowercase word: it appears in setting keys, file names and {@code zprof.reporters}. */
    @Test
    public void nameIsOneLowercaseWord() {
        ContractAssertions.assertOneLowercaseWord(provider().name(), provider().name());
    }

    /** availability() is asked of every provider on the class path: it must answer, never throw. */
    @Test
    public void availabilityNeverThrowsAndNeverReturnsNull() {
        List<Map<String, String>> settings = new java.util.ArrayList<>(List.of(Map.of(), validSettings()));
        badSetting().ifPresent(bad -> settings.add(withBad(bad)));
        for (Map<String, String> s : settings) {
            Availability a = assertDoesNotThrow(() -> provider().availability(context(s)), "availability() with " + s);
            assertNotNull(a, "availability() returned null with " + s);
        }
    }

    /** A bad setting fails validate() and create() with an error naming its key and value. */
    @Test
    public void badSettingFailsValidateAndCreateNamingKeyAndValue() {
        Optional<Map.Entry<String, String>> bad = badSetting();
        if (bad.isEmpty()) {
            assertEquals(Optional.of(Set.of()), provider().settingKeys(),
                    "a provider without a bad setting must read no settings: settingKeys() must be Optional.of(Set.of())");
            return;
        }
        String key = bad.get().getKey();
        String value = bad.get().getValue();
        assertTrue(key.startsWith(settingsPrefix()), "the bad setting must be one of the provider's own, under "
                + settingsPrefix() + ": " + key);
        ConfigurationException v = assertThrows(ConfigurationException.class,
                () -> provider().validate(context(withBad(bad.get()))), "validate() must refuse " + key + "=" + value);
        ContractAssertions.assertNamesKeyAndValue(v, key, value);
        ConfigurationException c = assertThrows(ConfigurationException.class, () -> {
            C made = provider().create(context(withBad(bad.get())));
            made.close();
        }, "create() must refuse " + key + "=" + value);
        ContractAssertions.assertNamesKeyAndValue(c, key, value);
    }

    /** What create() returns may be closed twice (the engine closes on stop and on failed starts): no error. */
    @Test
    public void closeOfWhatCreateReturnsIsIdempotent() throws Exception {
        C made = provider().create(context(validSettings()));
        assertNotNull(made, "create() returned null");
        made.close();
        made.close();
    }

    /** The provider is listed in its module's {@code META-INF/services} file, so the engine finds it. */
    @Test
    public void isRegisteredInItsServicesFile() {
        ContractAssertions.assertRegisteredOnce(serviceType(), provider().getClass());
    }

    /**
     * settingKeys() declares every setting the provider reads under its prefix (the engine refuses undeclared keys as
     * typos), and the valid settings pass the engine's check.
     */
    @Test
    public void settingKeysCoverEverySettingItReads() throws Exception {
        Optional<Set<String>> declared = provider().settingKeys();
        assertTrue(declared.isPresent(), "settingKeys() must declare the provider's settings (Optional.of(Set.of()) "
                + "when it has none), so that the engine can refuse a mistyped one");
        TestProviderContext ctx = context(validSettings());
        P p = provider();
        p.availability(ctx);
        p.validate(ctx);
        p.create(ctx).close();
        String prefix = settingsPrefix();
        Set<String> undeclared = new TreeSet<>();
        for (String full : ctx.settingsRead()) {
            if (full.startsWith(prefix) && full.length() > prefix.length() && !ComponentProvider.declares(declared.get(), full.substring(prefix.length()))) {
                undeclared.add(full);
            }
        }
        for (String full : validSettings().keySet()) {
            if (full.startsWith(prefix) && !ComponentProvider.declares(declared.get(), full.substring(prefix.length()))) {
                undeclared.add(full);
            }
        }
        assertEquals(Set.of(), undeclared, "read or set but not in settingKeys() " + declared.get());
    }

    private Map<String, String> withBad(Map.Entry<String, String> bad) {
        Map<String, String> s = new HashMap<>(validSettings());
        s.put(bad.getKey(), bad.getValue());
        return s;
    }
}
