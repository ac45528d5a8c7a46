package io.zprof.agent.boot;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.examples.customreporter.internal.EventLogReporterProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Child JVMs, commands and jars for the agent's acceptance tests: real processes of the JDK running the tests. */
final class Jvms {
    /** How long a condition on a child may take: generous, a loaded CI machine is slow, and nothing waits it out. */
    static final Duration PATIENCE = Duration.ofSeconds(90);

    private Jvms() {
    }

    /**
     * @param dir a scratch directory
     * @return a jar whose main prints "idle ready" and waits forever: a JVM started without the agent
     */
    static Path idleJar(Path dir) throws IOException {
        Path jar = dir.resolve("idle.jar");
        compileJar(dir, jar, List.of(), "Idle", java.util.Map.of("Idle.java", """
                public class Idle {
                    public static void main(String[] args) throws Exception {
                        System.out.println("idle ready");
                        Thread.sleep(Long.MAX_VALUE);
                    }
                }
                """));
        return jar;
    }

    /** @return the agent jar the build packaged */
    static Path agentJar() {
        return Path.of(System.getProperty("zprof.it.agentJar", "target/zprof-agent.jar")).toAbsolutePath();
    }

    /** @param tool a JDK tool @return its path in the JDK running the tests */
    static String tool(String tool) {
        return Path.of(System.getProperty("java.home"), "bin", tool).toString();
    }

    /** A child process whose output (stdout and stderr) goes to a file. */
    record Child(Process process, Path log) implements AutoCloseable {
        /** @return the child's process id, as the Attach API and jcmd name it */
        String pid() {
            return Long.toString(process.pid());
        }

        /** @return everything it printed so far */
        String output() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return "(no output: " + e + ")";
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * @param dir     where the log goes
     * @param command the command line
     * @return the started child
     */
    static Child start(Path dir, List<String> command) throws IOException {
        Path log = Files.createTempFile(dir, "child", ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new Child(p, log);
    }

    /** What a finished command printed and returned. */
    record Result(int exit, String output) {
    }

    /**
     * @param dir     where the log goes
     * @param command the command line
     * @return its exit status and output, once it finished (two minutes at most, else the test fails)
     */
    static Result run(Path dir, List<String> command) throws IOException, InterruptedException {
        try (Child c = start(dir, command)) {
            boolean done = c.process().waitFor(2, TimeUnit.MINUTES);
            assertTrue(done, () -> "did not finish: " + command + "\n" + c.output());
            return new Result(c.process().exitValue(), c.output());
        }
    }

    /**
     * @param dir  where the log goes
     * @param args the CLI's arguments
     * @return {@code java -jar zprof-agent.jar args...}
     */
    static Result cli(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(tool("java"), "-jar", agentJar().toString()));
        command.addAll(List.of(args));
        return run(dir, command);
    }

    /**
     * @param dir  where the log goes
     * @param pid  a JVM
     * @param args a jcmd command
     * @return what jcmd printed
     */
    static String jcmd(Path dir, String pid, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(tool("jcmd"), pid));
        command.addAll(List.of(args));
        return run(dir, command).output();
    }

    /**
     * Waits for a condition, polling; fails with the description and {@code context} when it does not hold in time.
     *
     * @param what      the condition, for the failure message
     * @param condition the condition
     * @param context   shown on failure (the child's output)
     */
    static void await(String what, BooleanSupplier condition, Supplier<String> context) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what + "\n" + context.get());
            }
            Thread.sleep(100);
        }
    }

    /**
     * @param dir a scratch directory
     * @return the example reporter's jar (examples/custom-reporter), for {@code plugins=}; a directory of classes (an
     *         IDE's build) is packed into one in {@code dir}
     */
    static Path pluginJar(Path dir) throws Exception {
        Path where = Path.of(EventLogReporterProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isRegularFile(where)) {
            return where;
        }
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        Path jar = dir.resolve("custom-reporter.jar");
        jarDirectory(where, jar, mf);
        return jar;
    }

    /**
     * Compiles Java sources and packs them into a jar.
     *
     * @param dir       a scratch directory
     * @param jar       the jar to write
     * @param classpath what the sources compile against, also the jar's {@code Class-Path}
     * @param mainClass the jar's {@code Main-Class}, or {@code null}
     * @param sources   file name to source text
     */
    static void compileJar(Path dir, Path jar, List<Path> classpath, String mainClass, java.util.Map<String, String> sources)
            throws IOException {
        Path src = Files.createDirectories(dir.resolve("src-" + jar.getFileName()));
        Path classes = Files.createDirectories(dir.resolve("classes-" + jar.getFileName()));
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "--release", "17"));
        if (!classpath.isEmpty()) {
            args.addAll(List.of("-cp", String.join(java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList())));
        }
        for (var e : sources.entrySet()) {
            Path f = src.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
            args.add(f.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, args.toArray(String[]::new));
        assertTrue(rc == 0, "the test application compiles");
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (mainClass != null) {
            mf.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        }
        if (!classpath.isEmpty()) {
            mf.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ",
                    classpath.stream().map(p -> p.toUri().toString()).toList()));
        }
        jarDirectory(classes, jar, mf);
    }

    /**
     * @param classes a directory of classes and resources
     * @param jar     the jar to write
     * @param mf      its manifest
     */
    static void jarDirectory(Path classes, Path jar, Manifest mf) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), mf);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
    }
}
