package io.zprof.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The team's standard: every public type and public method of a published module has Javadoc. The Javadoc jar is
 * built with {@code -Xdoclint:all,-missing} (see the parent pom), which does not report a missing comment, so this
 * test does: it compiles the sources of every module the BOM lists with doclint's "missing" group on and fails on
 * each "no comment". Missing {@code @param}/{@code @return} tags are allowed where the sentence already says it.
 */
class JavadocCoverageTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern BOM_ARTIFACT = Pattern.compile("<artifactId>(zprof-[a-z-]+)</artifactId>");

    @TempDir
    Path classes;

    @Test
    void everyPublicTypeAndMethodOfThePublishedModulesHasJavadoc() throws IOException {
        List<Path> sources = new ArrayList<>();
        for (String module : publishedModules()) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
            }
        }
        assertFalse(sources.isEmpty(), "no sources found under " + ROOT);

        List<String> missing = new ArrayList<>();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options = List.of("-Xdoclint:missing/protected", "-Xmaxwarns", "100000", "-proc:none", "-XDshould-stop.ifNoError=FLOW",
                    "-classpath", System.getProperty("java.class.path"), "-d", classes.toString());
            StringWriter out = new StringWriter();
            boolean compiled = javac.getTask(out, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            assertTrue(compiled, "the published sources do not compile on their own:\n" + out + diagnostics.getDiagnostics());
        }
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getMessage(Locale.ROOT).contains("no comment")) {
                missing.add(ROOT.relativize(Path.of(d.getSource().toUri())) + ":" + d.getLineNumber());
            }
        }
        assertEquals(List.of(), missing, "public types and members without Javadoc (the team's standard requires it)");
    }

    /** @return the module directories the BOM publishes */
    private static List<String> publishedModules() throws IOException {
        List<String> modules = new ArrayList<>();
        Matcher m = BOM_ARTIFACT.matcher(Files.readString(ROOT.resolve("zprof-bom/pom.xml")));
        while (m.find()) {
            if (!m.group(1).equals("zprof-bom")) {
                modules.add(m.group(1));
            }
        }
        return modules;
    }
}
