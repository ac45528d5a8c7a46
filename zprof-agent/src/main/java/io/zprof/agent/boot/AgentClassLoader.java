package io.zprof.agent.boot;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads zprof, its adapters and their dependencies from the entries under {@value #PREFIX} of the agent jar, with the
 * platform class loader as parent: the application's class path, where the JVM put the agent jar, is never asked,
 * so the application's okhttp, Jackson, Kotlin, JNA, OSHI or SLF4J of any version and zprof's never meet, and the
 * application never sees zprof's. JNA and SLF4J keep their names (docs/agent.md says why); this loader is what keeps
 * them apart from the application's.
 */
final class AgentClassLoader extends ClassLoader implements Closeable {
    /** Where the build put every class and resource but the bootstrap's (the antrun step of zprof-agent's pom). */
    static final String PREFIX = "zprof-inst/";

    static {
        registerAsParallelCapable();
    }

    private final JarFile jar;
    private final String jarUrl;
    private final ProtectionDomain domain;

    /**
     * @param agentJar the agent jar
     * @throws IOException when it cannot be opened
     */
    AgentClassLoader(Path agentJar) throws IOException {
        super("zprof-agent", ClassLoader.getPlatformClassLoader());
        this.jar = new JarFile(agentJar.toFile());
        URL location = agentJar.toUri().toURL();
        this.jarUrl = "jar:" + location.toExternalForm() + "!/";
        this.domain = new ProtectionDomain(new CodeSource(location, (Certificate[]) null), null, this, null);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        JarEntry entry = jar.getJarEntry(PREFIX + name.replace('.', '/') + ".class");
        if (entry == null) {
            throw new ClassNotFoundException(name);
        }
        byte[] bytes;
        try (InputStream in = jar.getInputStream(entry)) {
            bytes = in.readAllBytes();
        } catch (IOException | IllegalStateException e) {
            throw new ClassNotFoundException(name + " (agent jar unreadable or closed)", e);
        }
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            String pkg = name.substring(0, dot);
            if (getDefinedPackage(pkg) == null) {
                try {
                    definePackage(pkg, null, null, null, null, null, null, null);
                } catch (IllegalArgumentException raced) {
                    // another thread defined it first
                }
            }
        }
        return defineClass(name, bytes, 0, bytes.length, domain);
    }

    @Override
    protected URL findResource(String name) {
        if (jar.getJarEntry(PREFIX + name) == null) {
            return null;
        }
        try {
            return new URL(jarUrl + PREFIX + name);
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL url = findResource(name);
        return url == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(url));
    }

    /** Reads straight from the open jar: a {@code jar:} URL would keep a second, cached handle open after detach. */
    @Override
    public InputStream getResourceAsStream(String name) {
        JarEntry entry = jar.getJarEntry(PREFIX + name);
        if (entry == null) {
            return getParent().getResourceAsStream(name);
        }
        try {
            return jar.getInputStream(entry);
        } catch (IOException | IllegalStateException e) {
            return null;
        }
    }

    /** Closes the jar: called on detach, after everything loaded here has stopped. */
    @Override
    public void close() throws IOException {
        jar.close();
    }
}
