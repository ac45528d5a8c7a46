package io.zprof.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.planted.ApiOnlyPlugin;
import com.example.planted.PluginUsingAdapter;
import com.example.planted.PluginUsingCore;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.zprof.api.planted.DependsOnJdkOnly;
import io.zprof.api.planted.DependsOnSlf4j;
import io.zprof.api.port.planted.PlantedPort;
import io.zprof.api.port.planted.PlantedPortException;
import io.zprof.api.port.planted.StatusHelper;
import io.zprof.demo.planted.ProgramUsingCore;
import io.zprof.reporter.http.HttpReporterConfig;
import io.zprof.shrinker.other.internal.OtherShrinkerInternals;
import io.zprof.shrinker.planted.DependsOnAnotherAdapter;
import io.zprof.shrinker.planted.DependsOnApiOnly;
import io.zprof.shrinker.planted.DependsOnCore;
import io.zprof.shrinker.planted.ReachesIntoAnotherShrinker;
import io.zprof.testing.arch.ZprofArchitectureRules;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each rule the build runs must fail when broken: it is evaluated on classes planted in this module's test
 * sources (imported alone, so the build's own analysis never sees them) and must report the planted violation, and
 * accept the planted compliant classes beside it.
 */
class PlantedViolationTest {

    @Test
    void aShrinkerThatUsesTheEngineIsReported() {
        // the role is on no list: the rule that listed collector, dumper and reporter let this pass
        assertReports(ZprofArchitectureTest.nothing_outside_core_depends_on_core, DependsOnCore.class);
        assertAccepts(ZprofArchitectureTest.nothing_outside_core_depends_on_core, DependsOnApiOnly.class,
                ProgramUsingCore.class);
    }

    @Test
    void aShrinkerThatUsesAnotherAdapterIsReported() {
        assertReports(ZprofArchitectureTest.adapters_are_independent, DependsOnAnotherAdapter.class,
                HttpReporterConfig.class);
        assertAccepts(ZprofArchitectureTest.adapters_are_independent, DependsOnApiOnly.class,
                HttpReporterConfig.class);
    }

    @Test
    void aShrinkerThatReachesIntoAnotherShrinkersInternalsIsReported() {
        // with "shrinker" on no list of two-segment roles, both were one module io.zprof.shrinker and this passed
        assertReports(ZprofArchitectureTest.internal_stays_in_its_module, ReachesIntoAnotherShrinker.class);
        assertAccepts(ZprofArchitectureTest.internal_stays_in_its_module, OtherShrinkerInternals.class,
                DependsOnApiOnly.class);
    }

    @Test
    void aHelperInThePortPackageIsReported() {
        assertReports(ZprofArchitectureTest.ports_are_interfaces_and_exceptions, StatusHelper.class);
        assertAccepts(ZprofArchitectureTest.ports_are_interfaces_and_exceptions, PlantedPort.class,
                PlantedPortException.class);
    }

    @Test
    void anApiClassThatNeedsALibraryIsReported() {
        assertReports(ZprofArchitectureTest.api_depends_on_the_jdk_only, DependsOnSlf4j.class);
        assertAccepts(ZprofArchitectureTest.api_depends_on_the_jdk_only, DependsOnJdkOnly.class);
    }

    @Test
    void aPluginThatUsesTheEngineOrAnAdapterIsReported() {
        ArchRule plugin = ZprofArchitectureRules.dependsOnZprofOnlyThroughTheApi();
        assertReports(plugin, PluginUsingCore.class);
        assertReports(plugin, PluginUsingAdapter.class);
        assertAccepts(plugin, ApiOnlyPlugin.class);
    }

    @Test
    void aMutableApiValueIsReported() {
        assertReports(ZprofArchitectureTest.api_values_are_records_or_enums, io.zprof.api.model.planted.PlainValue.class);
        assertAccepts(ZprofArchitectureTest.api_values_are_records_or_enums, io.zprof.api.model.planted.RecordValue.class);
    }

    @Test
    void theEngineReachingForAnotherLibraryIsReported() {
        assertReports(ZprofArchitectureTest.core_dependencies, io.zprof.core.planted.UsesOkHttp.class);
        assertAccepts(ZprofArchitectureTest.core_dependencies, io.zprof.core.planted.UsesSlf4j.class);
    }

    @Test
    void aHotspotTypeOutsideTheJvmPackagesIsReported() {
        assertReports(ZprofArchitectureTest.hotspot_types_stay_in_jvm_packages,
                io.zprof.core.planted.ReadsHotspotBean.class);
        assertAccepts(ZprofArchitectureTest.hotspot_types_stay_in_jvm_packages,
                io.zprof.core.internal.jvm.planted.ReadsHotspotBeanWhereAllowed.class);
    }

    @Test
    void aSupportLibraryThatUsesTheEngineIsReported() {
        assertReports(ZprofArchitectureTest.support_is_a_leaf, io.zprof.support.planted.SupportUsingCore.class);
        assertAccepts(ZprofArchitectureTest.support_is_a_leaf, io.zprof.support.planted.SupportUsingApi.class);
    }

    @Test
    void cyclesBetweenModulesAndInsideTheEngineAreReported() {
        assertReports(ZprofArchitectureTest.no_cycles_between_modules, io.zprof.alpha.planted.Alpha.class,
                io.zprof.beta.planted.Beta.class);
        assertReports(ZprofArchitectureTest.no_cycles_inside_core, io.zprof.core.internal.one.planted.One.class,
                io.zprof.core.internal.two.planted.Two.class);
        assertAccepts(ZprofArchitectureTest.no_cycles_between_modules, io.zprof.alpha.planted.Alpha.class);
    }

    @Test
    void theEngineNamingABuiltinProviderIsReported() {
        assertReports(ZprofArchitectureTest.builtins_only_via_service_loader,
                io.zprof.core.planted.NamesABuiltinProvider.class);
        assertAccepts(ZprofArchitectureTest.builtins_only_via_service_loader, io.zprof.core.planted.UsesSlf4j.class);
    }

    @Test
    void aProviderThatIsNotFinalIsReported() {
        assertReports(ZprofArchitectureTest.providers_shape, io.zprof.reporter.planted.internal.OpenProvider.class);
        assertAccepts(ZprofArchitectureTest.providers_shape, io.zprof.reporter.planted.internal.WellShapedProvider.class);
    }

    @Test
    void aRuleThatReadsTheClockIsReported() {
        assertReports(ZprofArchitectureTest.rules_are_pure, io.zprof.rule.planted.ClockReadingRule.class);
        assertAccepts(ZprofArchitectureTest.rules_are_pure, io.zprof.rule.planted.PureRule.class);
    }

    @Test
    void anAdapterThatMakesItsOwnThreadIsReported() {
        assertReports(ZprofArchitectureTest.only_the_engine_creates_threads,
                io.zprof.reporter.planted.StartsAThread.class);
        assertAccepts(ZprofArchitectureTest.only_the_engine_creates_threads, io.zprof.rule.planted.PureRule.class);
    }

    @Test
    void printingAndJavaUtilLoggingAreReported() {
        assertReports(ZprofArchitectureTest.no_standard_streams, io.zprof.reporter.planted.Prints.class);
        assertReports(ZprofArchitectureTest.no_jul, io.zprof.reporter.planted.Prints.class);
        assertAccepts(ZprofArchitectureTest.no_standard_streams, io.zprof.rule.planted.PureRule.class);
        assertAccepts(ZprofArchitectureTest.no_jul, io.zprof.rule.planted.PureRule.class);
    }

    /**
     * @param rule     the rule under test
     * @param violator the planted class that breaks it
     * @param context  further classes to import, when the rule looks at both ends of a dependency
     */
    private static void assertReports(ArchRule rule, Class<?> violator, Class<?>... context) {
        List<Class<?>> imported = new ArrayList<>(List.of(context));
        imported.add(violator);
        EvaluationResult result = rule.allowEmptyShould(true)
                .evaluate(new ClassFileImporter().importClasses(imported));
        assertTrue(result.hasViolation(), "\"" + rule.getDescription() + "\" let " + violator.getName() + " pass");
        String report = String.join("\n", result.getFailureReport().getDetails());
        assertTrue(report.contains(violator.getName()), "the report does not name " + violator.getName() + ":\n" + report);
    }

    private static void assertAccepts(ArchRule rule, Class<?>... compliant) {
        EvaluationResult result = rule.allowEmptyShould(true).evaluate(new ClassFileImporter().importClasses(compliant));
        assertFalse(result.hasViolation(), String.join("\n", result.getFailureReport().getDetails()));
    }
}
