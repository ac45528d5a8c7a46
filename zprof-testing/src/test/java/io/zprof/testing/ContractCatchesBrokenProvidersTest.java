package io.zprof.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigurationException;
import io.zprof.api.port.Reporter;
import io.zprof.api.spi.Availability;
import io.zprof.api.spi.ProviderContext;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Each clause of the contract fails on a provider planted to break it, and only that clause is needed to see it. */
class ContractCatchesBrokenProvidersTest {
    /** The contract over whatever provider the test plants, with a valid limit and a bad one. */
    private static ReporterProviderContract<PlantedReporterProvider> contractFor(Supplier<PlantedReporterProvider> p) {
        return new ReporterProviderContract<>() {
            @Override
            protected PlantedReporterProvider provider() {
                return p.get();
            }

            @Override
            protected Map<String, String> validSettings() {
                return Map.of("zprof.reporter.planted.limit", "3");
            }

            @Override
            protected Optional<Map.Entry<String, String>> badSetting() {
                return Optional.of(Map.entry("zprof.reporter.planted.limit", "0"));
            }
        };
    }

    private static void assertFailsWith(String expected, Executable clause) {
        AssertionError e = assertThrows(AssertionError.class, clause);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void aNameThatIsNotOneLowercaseWord() {
        var c = contractFor(() -> new Registered() {
            @Override
            public String name() {
                return "Planted-Reporter";
            }
        });
        assertFailsWith("one lowercase word", c::nameIsOneLowercaseWord);
    }

    @Test
    void anAvailabilityCheckThatThrows() {
        var c = contractFor(() -> new Registered() {
            @Override
            public Availability availability(ProviderContext context) {
                throw new IllegalStateException("no /proc here");
            }
        });
        assertFailsWith("availability()", c::availabilityNeverThrowsAndNeverReturnsNull);
    }

    @Test
    void aBadSettingThatIsAccepted() {
        var c = contractFor(() -> new Registered() {
            @Override
            int limit(ProviderContext context) {
                return 1;
            }
        });
        assertFailsWith("validate() must refuse zprof.reporter.planted.limit=0", c::badSettingFailsValidateAndCreateNamingKeyAndValue);
    }

    @Test
    void aBadSettingRefusedWithoutItsKey() {
        var c = contractFor(() -> new Registered() {
            @Override
            int limit(ProviderContext context) {
                throw new ConfigurationException("limit", "0", "too small");
            }
        });
        assertFailsWith("must name the key", c::badSettingFailsValidateAndCreateNamingKeyAndValue);
    }

    @Test
    void aComponentThatFailsOnItsSecondClose() {
        var c = contractFor(() -> new Registered() {
            @Override
            void closeOnce(boolean alreadyClosed) {
                if (alreadyClosed) {
                    throw new IllegalStateException("already closed");
                }
            }
        });
        assertThrows(IllegalStateException.class, c::closeOfWhatCreateReturnsIsIdempotent);
    }

    @Test
    void aProviderMissingFromTheServicesFile() {
        var c = contractFor(Registered::new);
        assertFailsWith("must be listed once in META-INF/services/io.zprof.api.spi.ReporterProvider",
                c::isRegisteredInItsServicesFile);
    }

    @Test
    void aSettingReadButNotDeclared() {
        var c = contractFor(() -> new Registered() {
            @Override
            public Reporter create(ProviderContext context) {
                context.scoped("reporter", name()).get("colour");
                return super.create(context);
            }
        });
        assertFailsWith("zprof.reporter.planted.colour", c::settingKeysCoverEverySettingItReads);
    }

    @Test
    void settingsThatAreNotDeclaredAtAll() {
        var c = contractFor(() -> new Registered() {
            @Override
            public Optional<Set<String>> settingKeys() {
                return Optional.empty();
            }
        });
        assertFailsWith("settingKeys() must declare", c::settingKeysCoverEverySettingItReads);
    }

    @Test
    void aProviderWithoutABadSettingThatReadsSettings() {
        var c = new ReporterProviderContract<PlantedReporterProvider>() {
            @Override
            protected PlantedReporterProvider provider() {
                return new PlantedReporterProvider();
            }

            @Override
            protected Optional<Map.Entry<String, String>> badSetting() {
                return Optional.empty();
            }
        };
        assertFailsWith("must read no settings", c::badSettingFailsValidateAndCreateNamingKeyAndValue);
    }

    /** Not in the services file: only the planted subclasses break the registration clause on purpose. */
    static class Registered extends PlantedReporterProvider {
    }
}
