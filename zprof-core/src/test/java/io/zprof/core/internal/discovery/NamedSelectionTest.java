package io.zprof.core.internal.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigurationException;
import io.zprof.api.model.ReportEvent;
import io.zprof.api.model.ReportOutcome;
import io.zprof.api.port.Reporter;
import io.zprof.api.spi.Availability;
import io.zprof.api.spi.ProviderContext;
import io.zprof.api.spi.ReporterProvider;
import io.zprof.core.fixtures.TestProviderContext;
import io.zprof.core.status.ProviderState;
import io.zprof.core.status.ProviderStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reporters are chosen by an explicit name list: nothing leaves the host unless named. */
class NamedSelectionTest {
    private static final ProviderContext CTX = TestProviderContext.defaults();

    /** A reporter provider that is never asked to create anything here. */
    static final class NamedReporterProvider implements ReporterProvider {
        private final String name;
        private final Availability availability;

        NamedReporterProvider(String name, Availability availability) {
            this.name = name;
            this.availability = availability;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Availability availability(ProviderContext context) {
            return availability;
        }

        @Override
        public Reporter create(ProviderContext context) {
            return (ReportEvent e) -> ReportOutcome.success();
        }
    }

    private final ReporterProvider alpha = new NamedReporterProvider("alpha", Availability.ok());
    private final ReporterProvider beta = new NamedReporterProvider("beta", Availability.ok());
    private final ReporterProvider gamma = new NamedReporterProvider("gamma", Availability.unavailable("no token configured"));

    private NamedSelection<ReporterProvider> select(List<String> names) {
        return NamedSelection.select("reporter", new LoadedProviders<>(List.of(alpha, beta, gamma), List.of()), names,
                "zprof.reporters", CTX);
    }

    @Test
    void choosesTheNamedProvidersInTheConfiguredOrder() {
        NamedSelection<ReporterProvider> sel = select(List.of("beta", "alpha"));
        assertEquals(List.of(beta, alpha), sel.chosen());
        ProviderStatus g = sel.statuses().stream().filter(s -> s.name().equals("gamma")).findFirst().orElseThrow();
        assertEquals(ProviderState.NOT_CONFIGURED, g.state());
        assertEquals("not listed in zprof.reporters", g.detail());
        assertEquals(ProviderState.SELECTED, sel.statuses().stream().filter(s -> s.name().equals("beta")).findFirst()
                .orElseThrow().state());
    }

    @Test
    void noNamesMeansNoReporterEvenWhenInstalled() {
        NamedSelection<ReporterProvider> sel = select(List.of());
        assertEquals(List.of(), sel.chosen());
        assertTrue(sel.statuses().stream().allMatch(s -> s.state() == ProviderState.NOT_CONFIGURED), sel.statuses().toString());
    }

    @Test
    void unknownFirstPartyNameSaysWhichArtifactToAdd() {
        for (String[] firstParty : new String[][] {{"http", "io.zprof:zprof-reporter-http"},
            {"pyroscope", "io.zprof:zprof-reporter-pyroscope"}}) {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> select(List.of("alpha", firstParty[0])));
            assertEquals("zprof.reporters", e.key());
            assertTrue(e.getMessage().contains("zprof.reporters=alpha," + firstParty[0]), e.getMessage());
            assertTrue(e.getMessage().contains("add the dependency " + firstParty[1]), e.getMessage());
        }
    }

    @Test
    void unknownThirdPartyNameListsTheInstalledOnes() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> select(List.of("acme")));
        assertTrue(e.getMessage().contains("unknown reporter 'acme'"), e.getMessage());
        assertTrue(e.getMessage().contains("installed reporters: [alpha, beta, gamma]"), e.getMessage());
    }

    @Test
    void unavailableNamedReporterFailsWithItsReason() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> select(List.of("alpha", "gamma")));
        assertEquals("zprof.reporters", e.key());
        assertTrue(e.getMessage().contains("reporter 'gamma' is unavailable: no token configured"), e.getMessage());
    }

    @Test
    void loadFailuresAreKeptInStatuses() {
        ProviderStatus broken = new ProviderStatus("reporter", "?", "com.example.BrokenReporterProvider", 0,
                ProviderState.FAILED_TO_LOAD, "java.util.ServiceConfigurationError", List.of());
        NamedSelection<ReporterProvider> sel = NamedSelection.select("reporter",
                new LoadedProviders<>(List.of(alpha), List.of(broken)), List.of("alpha"), "zprof.reporters", CTX);
        assertTrue(sel.statuses().contains(broken));
    }
}
