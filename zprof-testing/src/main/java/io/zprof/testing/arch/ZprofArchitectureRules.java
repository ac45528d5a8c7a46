package io.zprof.testing.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * zprof's layering rules as ArchUnit rules anyone can run: zprof's own build checks its modules with them, and a
 * third party checks that its plugin jar uses zprof through {@code zprof-api} only:
 *
 * <pre>{@code
 * JavaClasses mine = new ClassFileImporter()
 *         .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
 *         .importPackages("com.acme.zprof");
 * ZprofArchitectureRules.dependsOnZprofOnlyThroughTheApi().check(mine);
 * }</pre>
 *
 * Package patterns use ArchUnit's syntax ({@code io.zprof.core..} is the package and everything under it). Each
 * rule is built anew on each call, so a caller may change it ({@code allowEmptyShould}, {@code because}) freely.
 */
public final class ZprofArchitectureRules {
    /** zprof-api: ports, provider SPI, model and configuration. */
    public static final String API = "io.zprof.api..";
    /** The ports, inside the API. */
    public static final String PORTS = "io.zprof.api.port..";
    /** zprof-core: the engine, which only programs that assemble zprof may see. */
    public static final String CORE = "io.zprof.core..";
    /** Every zprof package. */
    public static final String ZPROF = "io.zprof..";

    private ZprofArchitectureRules() {
    }

    /**
     * zprof-api depends on the JDK only: a third party that implements a port pulls in nothing else.
     *
     * @return classes in {@value #API} depend only on {@value #API} and {@code java..}
     */
    public static ArchRule apiDependsOnTheJdkOnly() {
        return classes().that().resideInAPackage(API)
                .should().onlyDependOnClassesThat().resideInAnyPackage(API, "java..")
                .as("zprof-api (" + API + ") depends on the JDK (java..) only");
    }

    /**
     * The port package holds the contracts an adapter implements or calls and the exceptions they throw; a helper
     * (such as a status-code mapping) belongs to a support module, not to every author's compile path.
     *
     * @return classes in {@value #PORTS} are interfaces or {@link Throwable}s
     */
    public static ArchRule portsAreInterfacesAndExceptionsOnly() {
        return classes().that().resideInAPackage(PORTS)
                .should().beInterfaces().orShould().beAssignableTo(Throwable.class)
                .as("ports (" + PORTS + ") are interfaces and exceptions only");
    }

    /**
     * The inverse of listing adapter roles: every class outside the engine, whatever its role (collector, dumper,
     * reporter, shrinker, one not invented yet), is kept away from the engine, except in the packages named.
     *
     * @param allowed the packages that must see the engine (programs that assemble zprof, its own tests), each with
     *                its reason at the caller
     * @return no class outside {@value #CORE} and {@code allowed} depends on a class in {@value #CORE}
     */
    public static ArchRule nothingOutsideCoreDependsOnCore(String... allowed) {
        String[] outside = Stream.concat(Stream.of(CORE), Arrays.stream(allowed)).toArray(String[]::new);
        return noClasses().that().resideOutsideOfPackages(outside)
                .should().dependOnClassesThat().resideInAPackage(CORE)
                .as("nothing outside " + CORE + " depends on it" + (allowed.length == 0 ? ""
                        : " (allowed: " + String.join(", ", allowed) + ")"));
    }

    /**
     * For a plugin jar: of zprof it sees {@code zprof-api} only, never the engine nor a built-in adapter, whose
     * classes may change in any release.
     *
     * @param alsoAllowed further zprof packages the plugin may use: its own when they lie under {@code io.zprof}, or
     *                    a support library it builds on, such as {@code io.zprof.support.http..}
     * @return no class depends on a class in {@value #ZPROF} outside {@value #API} and {@code alsoAllowed}
     */
    public static ArchRule dependsOnZprofOnlyThroughTheApi(String... alsoAllowed) {
        String[] allowed = Stream.concat(Stream.of(API), Arrays.stream(alsoAllowed)).toArray(String[]::new);
        return noClasses().should().dependOnClassesThat(resideInAPackage(ZPROF).and(not(resideInAnyPackage(allowed))))
                .as("uses zprof only through " + String.join(", ", allowed));
    }
}
