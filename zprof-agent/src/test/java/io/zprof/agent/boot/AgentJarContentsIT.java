package io.zprof.agent.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent jar keeps out of the application's way (docs/agent.md, "Layout of the jar"): only the boot
 * classes at its root; under {@code zprof-inst/} zprof's own packages, the third-party ones renamed under
 * {@code io.zprof.agent.shaded}, and by their own names only JNA, OSHI and SLF4J, which the private class loader
 * isolates instead (docs/agent.md says why each cannot be renamed). A new dependency of an adapter that the shade
 * configuration does not rename fails here, naming its packages; the ArchUnit rules see the modules' classes, not this
 * jar.
 */
class AgentJarContentsIT {
    private static final String INNER = "zprof-inst/";
    /** Kept by their names, isolated by the agent's class loader. */
    private static final List<String> ISOLATED = List.of("com/sun/jna/", "oshi/", "org/slf4j/");
    /** The renamed libraries: okhttp, okio, Kotlin, Jackson, async-profiler's converter. */
    private static final List<String> RENAMED = List.of("okhttp3/", "okio/", "kotlin/", "com/fasterxml/jackson/",
            "one/convert/", "one/jfr/");
    private static final String SHADED = "io/zprof/agent/shaded/";

    private static Set<String> entries;

    @BeforeAll
    static void readTheJar() throws IOException {
        try (JarFile jar = new JarFile(Jvms.agentJar().toFile())) {
            entries = jar.stream().map(JarEntry::getName).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void onlyTheBootClassesAreAtTheRoot() {
        Set<String> root = entries.stream().filter(e -> !e.startsWith(INNER) && !e.endsWith("/"))
                .filter(e -> !e.equals("META-INF/MANIFEST.MF") && !e.startsWith("io/zprof/agent/boot/"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), root, "what the application's class loader would see besides the boot classes");
    }

    @Test
    void everyThirdPartyPackageIsRenamedOrIsolated() {
        Set<String> unrenamed = new TreeSet<>();
        for (String e : entries) {
            if (e.startsWith(INNER) && e.endsWith(".class")) {
                String name = e.substring(INNER.length());
                if (!name.startsWith("io/zprof/") && ISOLATED.stream().noneMatch(name::startsWith)) {
                    unrenamed.add(name.substring(0, name.lastIndexOf('/') + 1));
                }
            }
        }
        assertEquals(Set.of(), unrenamed, "third-party packages under their own names: add a <relocation> to"
                + " zprof-agent/pom.xml, or say in docs/agent.md why it cannot be renamed and add it to ISOLATED");
        for (String lib : RENAMED) {
            assertTrue(entries.stream().anyMatch(e -> e.startsWith(INNER + SHADED + lib) && e.endsWith(".class")),
                    lib + " is in the jar, renamed");
        }
    }

    @Test
    void everyServiceFileNamesClassesOfTheJar() throws IOException {
        try (JarFile jar = new JarFile(Jvms.agentJar().toFile())) {
            List<JarEntry> services = jar.stream()
                    .filter(e -> e.getName().startsWith(INNER + "META-INF/services/") && !e.isDirectory()).toList();
            assertTrue(services.size() >= 5, "the adapters' provider registrations: " + services);
            for (JarEntry service : services) {
                String type = service.getName().substring((INNER + "META-INF/services/").length());
                assertTrue(isInJar(type), "the service type " + type + " is in the jar under this name");
                String text;
                try (InputStream in = jar.getInputStream(service)) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                for (String line : text.lines().map(l -> l.replaceAll("#.*", "").trim()).filter(l -> !l.isEmpty()).toList()) {
                    assertTrue(isInJar(line), service.getName() + " names " + line + ", which the jar holds");
                }
            }
        }
    }

    private static boolean isInJar(String className) {
        return entries.contains(INNER + className.replace('.', '/') + ".class");
    }
}
