package io.zprof.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import io.zprof.api.port.Rule;
import io.zprof.api.spi.ComponentProvider;
import io.zprof.testing.arch.ZprofArchitectureRules;
import java.util.concurrent.Executors;

/**
 * The house rules of zprof, checked over every module's main classes. A violation fails {@code mvn verify}.
 * No rule lists adapter roles: an adapter is whatever is not the API, the engine, the shared support libraries or
 * a program, so a new role (a shrinker, ...) is covered the day it appears. {@link PlantedViolationTest} proves that
 * each layering rule reports a planted violation.
 */
@AnalyzeClasses(packages = "io.zprof", importOptions = ImportOption.DoNotIncludeTests.class)
class ZprofArchitectureTest {
    /** Programs, not library code: they may print (the zprof tool's output), burn CPU and leak threads on purpose. */
    private static final String[] PROGRAMS = {"io.zprof.demo..", "io.zprof.benchmarks..", "io.zprof.cli.."};
    /**
     * The only places outside the engine that may see it, each because it assembles or drives the real engine:
     * the demo (a program that starts zprof), the JMH benchmarks (they measure engine internals such as
     * ReportDispatcher; not on this module's class path), the integration tests (test classes, not imported here),
     * the provider authors' test kit (zprof-testing runs a manual-sampling engine), and the {@link #INTEGRATIONS}.
     * The enforcer's {@code zprof.enforcer.coreAllowed} property in those modules' poms is the same list for Maven
     * scopes.
     */
    static final String[] CORE_USERS = {"io.zprof.demo..", "io.zprof.benchmarks..", "io.zprof.it..", "io.zprof.testing..",
        "io.zprof.micrometer..", "io.zprof.spring.."};
    /**
     * Integrations into a host framework: they run the engine (the Spring Boot starter) or read its status (the
     * Micrometer binder), so they see {@code io.zprof.core} and {@code io.zprof.core.status}, never its internals
     * (R4c). They are not adapters: the starter builds on the Micrometer binder.
     */
    static final String[] INTEGRATIONS = {"io.zprof.micrometer..", "io.zprof.spring.."};
    /** Libraries every adapter may build on (R4b keeps them leaves). */
    private static final String SUPPORT = "io.zprof.support..";

    /** R1: the API depends on the JDK only. */
    @ArchTest
    static final ArchRule api_depends_on_the_jdk_only = ZprofArchitectureRules.apiDependsOnTheJdkOnly();

    /** R1b: the port package holds interfaces and their exceptions, no helpers. */
    @ArchTest
    static final ArchRule ports_are_interfaces_and_exceptions =
            ZprofArchitectureRules.portsAreInterfacesAndExceptionsOnly();

    /** R2: value types are records or enums; the builders of the configuration records are the written exemption. */
    @ArchTest
    static final ArchRule api_values_are_records_or_enums = classes()
            .that().resideInAnyPackage("io.zprof.api.model..", "io.zprof.api.config..", "io.zprof.api.spi..")
            .and().areNotInterfaces().and().areNotEnums().and().areNotAssignableTo(Throwable.class)
            .and().haveSimpleNameNotEndingWith("Builder").and().doNotHaveModifier(JavaModifier.SYNTHETIC)
            // the open vocabularies: one instance per key, made through their registry, so no public constructor
            .and().doNotHaveFullyQualifiedName("io.zprof.api.model.Metric")
            .and().doNotHaveFullyQualifiedName("io.zprof.api.model.DumpKind")
            .should().beRecords()
            .as("API value types are records or enums; exemptions: exceptions, the nested Builder of a config record, "
                    + "and the open vocabularies Metric and DumpKind (R2)");

    /** R4b: shared adapter support sees the API and its library only, never the engine or an adapter. */
    @ArchTest
    static final ArchRule support_is_a_leaf = classes().that().resideInAPackage("io.zprof.support..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.zprof.api..", "io.zprof.support..", "java..",
                    "javax..", "okhttp3..", "okio..", "kotlin..", "org.slf4j..", "org.jetbrains..", "jdk.jfr..")
            .as("io.zprof.support depends only on zprof-api, its HTTP library, JFR and SLF4J (R4)");

    /** R3: the engine depends on the JDK, the API, SLF4J and Jackson only. */
    @ArchTest
    static final ArchRule core_dependencies = classes().that().resideInAPackage("io.zprof.core..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.zprof.api..", "io.zprof.core..", "java..",
                    "javax.management..", "org.slf4j..", "com.fasterxml.jackson..", "com.sun.management..")
            .as("core depends only on the JDK, zprof-api, SLF4J and Jackson (R3)");

    /** R3b: HotSpot-specific management types only where the JVM is read. */
    @ArchTest
    static final ArchRule hotspot_types_stay_in_jvm_packages = noClasses().that().resideInAPackage("io.zprof.core..")
            .and().resideOutsideOfPackages("io.zprof.core.internal.jvm..", "io.zprof.core.internal.gc..")
            .should().dependOnClassesThat().resideInAPackage("com.sun.management..")
            .as("com.sun.management is used only in core.internal.jvm and core.internal.gc (R3)");

    /** R4: nothing but the engine and the places that assemble it sees the engine (adapters see the API). */
    @ArchTest
    static final ArchRule nothing_outside_core_depends_on_core =
            ZprofArchitectureRules.nothingOutsideCoreDependsOnCore(CORE_USERS);

    /** R4c: integrations use the engine's public packages only. */
    @ArchTest
    static final ArchRule integrations_use_the_public_engine_only = noClasses().that().resideInAnyPackage(INTEGRATIONS)
            .should().dependOnClassesThat().resideInAPackage("io.zprof.core.internal..")
            .as("integrations (Micrometer, Spring Boot) use io.zprof.core and io.zprof.core.status, not its internals (R4c)");

    /**
     * R5: adapters never depend on each other. Each module outside the API, the engine, the support libraries and
     * the programs is a slice of its own ({@link #moduleRoot}), whatever its role.
     */
    @ArchTest
    static final ArchRule adapters_are_independent = slices().assignedFrom(new SliceAssignment() {
                @Override
                public SliceIdentifier getIdentifierOf(JavaClass c) {
                    String pkg = c.getPackageName();
                    boolean adapter = pkg.startsWith("io.zprof.") && !resideIn(pkg, "io.zprof.api", "io.zprof.core",
                            "io.zprof.support", "io.zprof.demo", "io.zprof.benchmarks", "io.zprof.it", "io.zprof.cli",
                            "io.zprof.micrometer", "io.zprof.spring");
                    return adapter ? SliceIdentifier.of(moduleRoot(pkg)) : SliceIdentifier.ignore();
                }

                @Override
                public String getDescription() {
                    return "zprof modules other than the API, the engine, the support libraries and the programs";
                }
            }).should().notDependOnEachOther()
            .as("adapters never depend on each other, whatever their role (R5)");

    /** R5b: the example plugins pass the check a third party runs on its own jar. */
    @ArchTest
    static void the_example_plugins_use_zprof_through_the_api_only(JavaClasses classes) {
        ZprofArchitectureRules.dependsOnZprofOnlyThroughTheApi("io.zprof.examples..")
                .check(classes.that(JavaClass.Predicates.resideInAPackage("io.zprof.examples..")));
    }

    /** R6: no package cycles, across modules and inside the engine. */
    @ArchTest
    static final ArchRule no_cycles_between_modules = slices().matching("io.zprof.(*)..").should().beFreeOfCycles();

    /** R6b. */
    @ArchTest
    static final ArchRule no_cycles_inside_core = slices().matching("io.zprof.core.internal.(*)..").should().beFreeOfCycles();

    /** R7: an internal package belongs to its module root. */
    @ArchTest
    static final ArchRule internal_stays_in_its_module = noClasses().should(
            new com.tngtech.archunit.lang.ArchCondition<JavaClass>("reach into another module's internal package") {
                @Override
                public void check(JavaClass item, com.tngtech.archunit.lang.ConditionEvents events) {
                    String own = moduleRoot(item.getPackageName());
                    item.getDirectDependenciesFromSelf().forEach(d -> {
                        String pkg = d.getTargetClass().getPackageName();
                        if (pkg.contains(".internal") && pkg.startsWith("io.zprof.") && !moduleRoot(pkg).equals(own)) {
                            events.add(com.tngtech.archunit.lang.SimpleConditionEvent.satisfied(d, d.getDescription()));
                        }
                    });
                }
            }).as("..internal.. packages are used only inside their own module (R7)");

    /** R8: the engine reaches built-in providers only through ServiceLoader. */
    @ArchTest
    static final ArchRule builtins_only_via_service_loader = noClasses().that().resideInAPackage("io.zprof.core..")
            .and().resideOutsideOfPackage("io.zprof.core.internal.jvm..")
            .should().dependOnClassesThat().resideInAPackage("io.zprof.core.internal.jvm..")
            .as("core never names a built-in provider; they arrive through ServiceLoader (R8)");

    /** R9: provider implementations are public final *Provider classes in an internal package. */
    @ArchTest
    static final ArchRule providers_shape = classes().that().implement(ComponentProvider.class).and().areNotInterfaces()
            // the test kit's in-memory reporter is a test double that plugin tests create directly
            .and().resideOutsideOfPackage("io.zprof.testing..")
            .should().bePublic().andShould().haveModifier(JavaModifier.FINAL)
            .andShould().haveSimpleNameEndingWith("Provider").andShould().resideInAPackage("..internal..")
            .as("providers are public final *Provider classes in ..internal.. (R9)");

    /** R10: rules are pure. */
    @ArchTest
    static final ArchRule rules_are_pure = noClasses().that().implement(Rule.class)
            .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio..", "java.net..")
            .orShould().dependOnClassesThat().areAssignableTo(java.time.Clock.class)
            .orShould().callMethod(System.class, "currentTimeMillis").orShould().callMethod(System.class, "nanoTime")
            .orShould().callMethod(java.time.Instant.class, "now")
            .orShould().dependOnClassesThat().areAssignableTo(Thread.class)
            .as("rules are pure functions: no I/O, no clock, no threads (R10)");

    /** R11: only the engine's thread factory creates threads. */
    @ArchTest
    static final ArchRule only_the_engine_creates_threads = noClasses().that().resideOutsideOfPackage("io.zprof.core.internal.engine..")
            .and().resideOutsideOfPackages(PROGRAMS)
            // the test kit's provider context stands in for the engine, whose thread factory it replaces in tests
            .and().resideOutsideOfPackage("io.zprof.testing..")
            .should().callConstructorWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(owner(assignableTo(Thread.class))))
            .orShould().callMethodWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(owner(com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo(Executors.class))))
            .as("only io.zprof.core.internal.engine creates threads (adapters use ProviderContext.threadFactory) (R11)");

    /** R12: library code never writes to stdout/stderr. */
    @ArchTest
    static final ArchRule no_standard_streams = noClasses().that().resideOutsideOfPackages(PROGRAMS)
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .as("library code logs through SLF4J, never System.out/err (R12)");

    /** R12b: no java.util.logging. */
    @ArchTest
    static final ArchRule no_jul = noClasses().that().resideOutsideOfPackages(PROGRAMS)
            // ArchUnit's USE_JAVA_UTIL_LOGGING only sees Logger fields: a planted Logger.getLogger(...).info() passed it
            .should().dependOnClassesThat().resideInAPackage("java.util.logging..")
            .as("library code logs through SLF4J, never java.util.logging (R12b)");

    /**
     * @param pkg a package under {@code io.zprof}
     * @return its module's root package: {@code io.zprof.api} and {@code io.zprof.core} are one module each; any
     *         other is {@code io.zprof.<role>.<name>} (an adapter, a support library, the kit), whatever the role
     */
    static String moduleRoot(String pkg) {
        String[] p = pkg.split("\\.");
        if (p.length < 3) {
            return pkg;
        }
        String role = p[2];
        boolean oneModule = role.equals("api") || role.equals("core");
        return !oneModule && p.length > 3 ? "io.zprof." + role + "." + p[3] : "io.zprof." + role;
    }

    private static boolean resideIn(String pkg, String... roots) {
        for (String root : roots) {
            if (pkg.equals(root) || pkg.startsWith(root + ".")) {
                return true;
            }
        }
        return false;
    }

}
