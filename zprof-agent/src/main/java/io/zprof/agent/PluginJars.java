package io.zprof.agent;

import io.zprof.api.config.ConfigurationException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The class loader of third-party provider jars named by {@code zprof.agent.plugins}: a child of the agent's loader,
 * so a plugin sees zprof-api and the agent's SLF4J, and its {@code META-INF/services} registrations are found by
 * zprof's discovery like the built-in adapters'.
 */
final class PluginJars implements AutoCloseable {
    private final ClassLoader loader;

    private PluginJars(ClassLoader loader) {
        this.loader = loader;
    }

    /**
     * @param paths  comma-separated jar paths, or {@code null}
     * @param parent the agent's loader
     * @return the plugins' loader ({@code parent} itself when none is named)
     * @throws ConfigurationException naming {@code zprof.agent.plugins} and the jar that is missing or unreadable
     */
    static PluginJars load(String paths, ClassLoader parent) {
        List<URL> urls = new ArrayList<>();
        if (paths != null) {
            for (String p : paths.split(",")) {
                if (p.isBlank()) {
                    continue;
                }
                Path jar = Path.of(p.trim()).toAbsolutePath();
                if (!Files.isRegularFile(jar) || !Files.isReadable(jar)) {
                    throw new ConfigurationException(AgentKeys.PLUGINS, p.trim(), "not a readable jar file");
                }
                try {
                    urls.add(jar.toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new ConfigurationException(AgentKeys.PLUGINS, p.trim(), e.getMessage());
                }
            }
        }
        return new PluginJars(urls.isEmpty() ? parent
                : new URLClassLoader("zprof-plugins", urls.toArray(URL[]::new), parent));
    }

    /** @return where zprof discovers providers */
    ClassLoader loader() {
        return loader;
    }

    /** Closes the plugin jars (detach). */
    @Override
    public void close() {
        if (loader instanceof URLClassLoader u) {
            try {
                u.close();
            } catch (IOException ignored) {
                // read-only jars: nothing is lost
            }
        }
    }
}
