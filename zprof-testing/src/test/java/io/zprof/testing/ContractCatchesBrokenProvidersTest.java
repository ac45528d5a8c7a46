package io.zprof.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;
import io.zprof.api.model.Decision;
import io.zprof.api.model.RuleInput;
import io.zprof.api.model.Verdict;
import io.zprof.api.port.Rule;
import io.zprof.api.spi.RuleContext;
import io.zprof.api.port.Reporter;
import io.zprof.api.spi.Availability;
import io.zprof.api.spi.ProviderContext;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
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

    /** The rule contract over whatever rule type the test plants, with a valid level and a bad one. */
    private static RuleProviderContract<PlantedRuleProvider> ruleContractFor(Supplier<PlantedRuleProvider> p) {
        return new RuleProviderContract<>() {
            @Override
            protected PlantedRuleProvider provider() {
                return p.get();
            }

            @Override
            protected Map<String, String> validSettings() {
                return Map.of("level", "40");
            }

            @Override
            protected Optional<Map.Entry<String, String>> badSetting() {
                return Optional.of(Map.entry("level", "-1"));
            }
        };
    }

    @Test
    void aRuleThatAnswersDifferentlyToTheSameInput() {
        AtomicInteger calls = new AtomicInteger();
        var c = ruleContractFor(() -> new PlantedRuleProvider() {
            @Override
            Verdict evaluate(RuleInput input, double level) {
                // fires every other call: a rule with hidden state, which the engine could not explain or replay
                return calls.incrementAndGet() % 2 == 0 ? Verdict.FIRED : Verdict.NOT_FIRED;
            }
        });
        assertFailsWith("answered differently", c::evaluateIsDeterministic);
    }

    @Test
    void aRuleThatAnswersWhatOnlyTheEngineDecides() {
        var c = ruleContractFor(() -> new PlantedRuleProvider() {
            @Override
            Verdict evaluate(RuleInput input, double level) {
                return input.count() == 0 ? Verdict.WARMUP : super.evaluate(input, level);
            }
        });
        assertFailsWith("only the engine decides", c::evaluateIsDeterministic);
    }

    @Test
    void aRuleTypeThatReadsASettingItDoesNotDeclare() {
        var c = ruleContractFor(() -> new PlantedRuleProvider() {
            @Override
            Verdict evaluate(RuleInput input, double level) {
                input.settings().get("colour");
                return super.evaluate(input, level);
            }
        });
        assertFailsWith("zprof.rule.contract.colour", c::settingKeysCoverEverySettingItReads);
    }

    @Test
    void aRuleTypeThatAcceptsABadSetting() {
        var c = ruleContractFor(() -> new PlantedRuleProvider() {
            @Override
            public Rule create(RuleContext context) {
                return super.create(new RuleContext(context.rule(), context.metric(), ConfigProperties.empty()));
            }
        });
        assertFailsWith("create() must refuse zprof.rule.contract.level=-1", c::badSettingFailsCreateNamingKeyAndValue);
    }

    @Test
    void aRuleTypeThatFailsWithoutNamingTheKey() {
        var c = ruleContractFor(() -> new PlantedRuleProvider() {
            @Override
            public Rule create(RuleContext context) {
                if (context.settings().get("level") == null) {
                    throw new IllegalStateException("no level");
                }
                return super.create(context);
            }
        });
        assertFailsWith("ConfigurationException naming the missing key", c::createMakesARuleOrFailsNamingAKey);
    }

    @Test
    void aRuleTypeMissingFromTheServicesFile() {
        var c = ruleContractFor(() -> new PlantedRuleProvider() {
        });
        assertFailsWith("must be listed once in META-INF/services/io.zprof.api.spi.RuleProvider", c::isRegisteredInItsServicesFile);
    }

    @Test
    void aRuleTypeNameThatIsNotOneLowercaseWord() {
        var c = ruleContractFor(() -> new PlantedRuleProvider() {
            @Override
            public String name() {
                return "Spike_Rule";
            }
        });
        assertFailsWith("one lowercase word", c::nameIsOneLowercaseWord);
    }

    @Test
    void aRuleTypeThatListsAGenericSetting() {
        var c = ruleContractFor(() -> new PlantedRuleProvider() {
            @Override
            public Set<String> settingKeys() {
                return Set.of("level", "cooldown");
            }
        });
        assertFailsWith("generic settings", c::settingKeysAreTheTypesOwn);
    }

    @Test
    void aRuleThatExplainsAnotherVerdict() {
        var c = ruleContractFor(() -> new PlantedRuleProvider() {
            @Override
            public Rule create(RuleContext context) {
                Rule real = super.create(context);
                return new Rule() {
                    @Override
                    public Verdict evaluate(RuleInput input) {
                        return real.evaluate(input);
                    }

                    @Override
                    public Decision explain(RuleInput input, Verdict verdict) {
                        return Decision.of(input, false, 0, "never fires");
                    }
                };
            }
        });
        assertFailsWith("must tell the verdict", c::explainAgreesWithEvaluate);
    }

    /** Not in the services file: only the planted subclasses break the registration clause on purpose. */
    static class Registered extends PlantedReporterProvider {
    }
}
